# The multi-connection echo server and client in the style of the best-known selectors tutorial
# (one DefaultSelector, register(sock, EVENT_READ, data=...), an event loop). Program.cs is its port,
# line for line. Usage: selectors_echo.py server NCONNS | selectors_echo.py client HOST PORT NCONNS
import selectors
import socket
import sys
import types

sel = selectors.DefaultSelector()
messages = [b"Message 1 from client.", b"Message 2 from client."]


def accept_wrapper(sock):
    conn, addr = sock.accept()  # Should be ready to read
    conn.setblocking(False)
    data = types.SimpleNamespace(addr=addr, inb=b"", outb=b"")
    events = selectors.EVENT_READ | selectors.EVENT_WRITE
    sel.register(conn, events, data=data)


def service_server_connection(key, mask):
    sock = key.fileobj
    data = key.data
    if mask & selectors.EVENT_READ:
        recv_data = sock.recv(1024)  # Should be ready to read
        if recv_data:
            data.outb += recv_data
        else:
            sel.unregister(sock)
            sock.close()
            return 1
    if mask & selectors.EVENT_WRITE:
        if data.outb:
            sent = sock.send(data.outb)  # Should be ready to write
            data.outb = data.outb[sent:]
    return 0


def server(num_conns):
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen()
    print(f"Listening on {lsock.getsockname()}", flush=True)
    lsock.setblocking(False)
    sel.register(lsock, selectors.EVENT_READ, data=None)
    closed = 0
    while closed < num_conns:
        events = sel.select(timeout=None)
        for key, mask in events:
            if key.data is None:
                accept_wrapper(key.fileobj)
            else:
                closed += service_server_connection(key, mask)
    sel.unregister(lsock)
    lsock.close()
    sel.close()
    print(f"Served {closed} connections")


def start_connections(host, port, num_conns):
    server_addr = (host, port)
    for i in range(0, num_conns):
        connid = i + 1
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        sock.connect_ex(server_addr)
        events = selectors.EVENT_READ | selectors.EVENT_WRITE
        data = types.SimpleNamespace(
            connid=connid,
            msg_total=sum(len(m) for m in messages),
            recv_total=0,
            received=b"",
            messages=messages.copy(),
            outb=b"",
        )
        sel.register(sock, events, data=data)


def service_client_connection(key, mask):
    sock = key.fileobj
    data = key.data
    if mask & selectors.EVENT_READ:
        recv_data = sock.recv(1024)  # Should be ready to read
        if recv_data:
            data.recv_total += len(recv_data)
            data.received += recv_data
        if not recv_data or data.recv_total == data.msg_total:
            print(f"Closing connection {data.connid}: received {data.received!r}")
            sel.unregister(sock)
            sock.close()
    if mask & selectors.EVENT_WRITE:
        if not data.outb and data.messages:
            data.outb = data.messages.pop(0)
        if data.outb:
            sent = sock.send(data.outb)  # Should be ready to write
            data.outb = data.outb[sent:]


def client(host, port, num_conns):
    start_connections(host, port, num_conns)
    while True:
        events = sel.select(timeout=1)
        if events:
            for key, mask in events:
                service_client_connection(key, mask)
        # Check for a socket being monitored to continue.
        if not sel.get_map():
            break
    sel.close()


if sys.argv[1] == "server":
    server(int(sys.argv[2]))
else:
    client(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
