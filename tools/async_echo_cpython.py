"""The CPython twin of the async line-echo server (tools/bench_async_echo.sh): ThreadingTCPServer + StreamRequestHandler.
Prints its port, serves until stdin closes."""
import socketserver
import sys
import threading


class LineEcho(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line)


class Server(socketserver.ThreadingTCPServer):
    request_queue_size = 4096
    daemon_threads = True
    allow_reuse_address = True


threading.stack_size(256 * 1024)
with Server(("127.0.0.1", 0), LineEcho) as server:
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()
