# The socket documentation's IPv4/IPv6 echo server and client ("Example" section: the programs
# that loop over getaddrinfo's results). Adapted to run alone on the loopback: the server takes an
# ephemeral port on 127.0.0.1 and then on ::1 (instead of all interfaces on port 50007) and serves
# in a thread, and the client connects to the same host (instead of daring.cwi.nl).
# Run it with: python3 samples/EchoGetaddrinfo/echo_getaddrinfo.py
import socket
import sys
import threading


def open_server(host):
    # Echo server program
    s = None
    for res in socket.getaddrinfo(host, 0, socket.AF_UNSPEC,
                                  socket.SOCK_STREAM, 0, socket.AI_PASSIVE):
        af, socktype, proto, canonname, sa = res
        try:
            s = socket.socket(af, socktype, proto)
        except OSError as msg:
            s = None
            continue
        try:
            s.bind(sa)
            s.listen(1)
        except OSError as msg:
            s.close()
            s = None
            continue
        break
    if s is None:
        print('could not open socket')
        sys.exit(1)
    return s


def serve_one(s):
    conn, addr = s.accept()
    with conn:
        print('Connected by', addr)
        while True:
            data = conn.recv(1024)
            if not data: break
            conn.send(data)


def client(host, port):
    # Echo client program
    s = None
    for res in socket.getaddrinfo(host, port, socket.AF_UNSPEC, socket.SOCK_STREAM):
        af, socktype, proto, canonname, sa = res
        try:
            s = socket.socket(af, socktype, proto)
        except OSError as msg:
            s = None
            continue
        try:
            s.connect(sa)
        except OSError as msg:
            s.close()
            s = None
            continue
        break
    if s is None:
        print('could not open socket')
        sys.exit(1)
    with s:
        family = s.family.name
        s.sendall(b'Hello, world')
        s.shutdown(socket.SHUT_WR)
        data = s.recv(1024)
    print('Received', repr(data), 'over', family)


for HOST in ('127.0.0.1', '::1'):
    listener = open_server(HOST)
    with listener:
        print('server listening on', listener.getsockname())
        port = listener.getsockname()[1]
        server = threading.Thread(target=serve_one, args=(listener,))
        server.start()
        client(HOST, port)
        server.join()
