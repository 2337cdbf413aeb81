# The main sample's Python original: a threaded line-echo server and a client.
# Run it with: python3 samples/EchoSample/echo.py
import socket
import socketserver
import threading


class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line)


with socketserver.ThreadingTCPServer(('127.0.0.1', 0), Echo) as server:
    serving = threading.Thread(target=server.serve_forever, args=(0.05,))
    serving.start()
    host, port = server.server_address
    print('echo server listening on', server.server_address)
    with socket.create_connection((host, port), timeout=5.0) as client, client.makefile('rb') as replies:
        for line in [b'hello', b'echo from PySocket', b'goodbye']:
            client.sendall(line + b'\n')
            print('received', replies.readline())
    server.shutdown()
    serving.join()
