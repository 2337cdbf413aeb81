# An AF_UNIX stream server (socketserver.UnixStreamServer) on a socket file in a temporary
# directory, and a client that connects to that path: the handler upper-cases each line. The
# server serves in a thread; the script prints what each side sees and removes the socket file
# (a UnixStreamServer does not remove it, in Python or in PySocket).
# Run it with: python3 samples/UnixServer/unix_server.py
import os
import socket
import socketserver
import tempfile
import threading


class UpperHandler(socketserver.StreamRequestHandler):
    def handle(self):
        print('server: a client connected, client_address={!r}'.format(self.client_address))
        for line in self.rfile:
            self.wfile.write(line.upper())
        print('server: the client closed its end')


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'upper.sock')
    with socketserver.UnixStreamServer(path, UpperHandler) as server:
        serving = threading.Thread(target=server.serve_forever, args=(0.05,))
        serving.start()
        print('server listening on', os.path.basename(server.server_address))
        print('socket file exists:', os.path.exists(path))

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(5.0)
            client.connect(path)
            with client.makefile('rb') as replies:
                for line in (b'hello over a unix socket\n', b'second line\n'):
                    client.sendall(line)
                    print('client: sent {!r}, got {!r}'.format(line, replies.readline()))
            print('client: peer', os.path.basename(client.getpeername()), 'own name', repr(client.getsockname()))
        server.shutdown()
        serving.join()
    print('socket file left by server_close:', os.path.exists(path))
    os.unlink(path)
print('socket file removed:', not os.path.exists(path))
