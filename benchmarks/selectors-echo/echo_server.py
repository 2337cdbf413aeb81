# CPython's side of the selectors echo benchmark: one thread, one DefaultSelector, every connection
# registered for EVENT_READ; each readable connection's bytes are echoed back with send().
# PySocket.Benchmarks' "selectors-echo-server" mode is the same loop in C#. Prints its port, then serves
# until the load client closes all its connections.
import selectors
import socket
import sys

sel = selectors.DefaultSelector()
lsock = socket.socket()
lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lsock.bind(("127.0.0.1", 0))
lsock.listen(2048)
lsock.setblocking(False)
sel.register(lsock, selectors.EVENT_READ, None)
print(lsock.getsockname()[1], flush=True)
expected = int(sys.argv[1])
accepted = closed = 0
while closed < expected:
    for key, mask in sel.select():
        if key.data is None:
            conn, _ = lsock.accept()
            conn.setblocking(False)
            sel.register(conn, selectors.EVENT_READ, 1)
            accepted += 1
        else:
            conn = key.fileobj
            data = conn.recv(4096)
            if data:
                conn.send(data)  # 64-byte messages: the send buffer never fills
            else:
                sel.unregister(conn)
                conn.close()
                closed += 1
sel.close()
lsock.close()
