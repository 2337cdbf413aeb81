# The classic non-blocking select() echo server loop (the Socket Programming HOWTO's "use select",
# in its best-known form: inputs/outputs lists and a message queue per connection). Program.cs is its
# port, line for line. One fix to the HOWTO's form: a socket the readable pass closed (its peer hung up)
# may also be in this round's writable or exceptional list, and is skipped there (the HOWTO's code raises
# KeyError and the server dies, resetting every other connection).
# Usage: select_howto.py NCONNS (serves NCONNS connections, then exits)
import queue
import select
import socket
import sys

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setblocking(False)
server.bind(("127.0.0.1", 0))
server.listen(128)  # the HOWTO has 5; 128 lets a burst of clients queue while the loop warms up
print(f"Listening on {server.getsockname()}", flush=True)
inputs = [server]
outputs = []
message_queues = {}
remaining = int(sys.argv[1])
while inputs:
    readable, writable, exceptional = select.select(inputs, outputs, inputs, 5.0)
    if not (readable or writable or exceptional):
        print("timed out")
        break
    for s in readable:
        if s is server:
            connection, client_address = s.accept()
            connection.setblocking(False)
            inputs.append(connection)
            message_queues[connection] = queue.Queue()
        else:
            data = s.recv(1024)
            if data:
                message_queues[s].put(data)
                if s not in outputs:
                    outputs.append(s)
            else:
                if s in outputs:
                    outputs.remove(s)
                inputs.remove(s)
                s.close()
                del message_queues[s]
                remaining -= 1
                if remaining == 0:
                    inputs.remove(server)
                    server.close()
    for s in writable:
        if s not in message_queues:  # closed by the readable pass above (the peer hung up)
            continue
        try:
            next_msg = message_queues[s].get_nowait()
        except queue.Empty:
            outputs.remove(s)
        else:
            s.send(next_msg)
    for s in exceptional:
        if s not in inputs:  # closed by a pass above
            continue
        inputs.remove(s)
        if s in outputs:
            outputs.remove(s)
        s.close()
        del message_queues[s]
print("Served all connections")
