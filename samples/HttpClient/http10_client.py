# An HTTP/1.0 client over socket.create_connection and makefile('rb'): it sends a GET request,
# reads the status line and headers with readline() and the body with read() (HTTP/1.0: until the
# server closes). It talks to a tiny HTTP/1.0 server that the script starts itself on 127.0.0.1
# (a socketserver.StreamRequestHandler), so it needs no network.
# Run it with: python3 samples/HttpClient/http10_client.py
import socket
import socketserver
import threading


class HelloHandler(socketserver.StreamRequestHandler):
    def handle(self):
        request_line = self.rfile.readline().decode('iso-8859-1').rstrip('\r\n')
        headers = []
        while True:
            line = self.rfile.readline()
            if line in (b'\r\n', b'\n', b''):
                break
            headers.append(line.decode('iso-8859-1').rstrip('\r\n').split(':', 1)[0])
        print('server: {!r} with headers {}'.format(request_line, ', '.join(headers)))
        method, path, version = request_line.split()
        if path == '/hello':
            status, body = '200 OK', 'Hello from PySocket\n'.encode('utf-8')
        else:
            status, body = '404 Not Found', 'no such page: {}\n'.format(path).encode('utf-8')
        self.wfile.write('HTTP/1.0 {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\r\n'
                         .format(status, len(body)).encode('ascii') + body)


def http_get(host, port, path):
    with socket.create_connection((host, port), timeout=5.0) as s:
        request = 'GET {} HTTP/1.0\r\nHost: {}:{}\r\nUser-Agent: sample\r\n\r\n'.format(path, host, port)
        s.sendall(request.encode('ascii'))
        with s.makefile('rb') as f:
            status = f.readline().decode('iso-8859-1').rstrip('\r\n')
            headers = {}
            while True:
                line = f.readline()
                if line in (b'\r\n', b'\n', b''):
                    break
                name, value = line.decode('iso-8859-1').rstrip('\r\n').split(':', 1)
                headers[name.strip().lower()] = value.strip()
            body = f.read()
    return status, headers, body


with socketserver.TCPServer(('127.0.0.1', 0), HelloHandler) as server:
    serving = threading.Thread(target=server.serve_forever, args=(0.05,))
    serving.start()
    host, port = server.server_address
    for path in ('/hello', '/missing'):
        status, headers, body = http_get(host, port, path)
        print('client: GET {} -> {}'.format(path, status))
        for name in sorted(headers):
            print('  {}: {}'.format(name, headers[name]))
        print('  body ({} bytes, content-length {}): {!r}'.format(len(body), headers['content-length'], body.decode('utf-8')))
    server.shutdown()
    serving.join()
