# The socketserver documentation's "socketserver.TCPServer Example" (server and client), both
# handler variants, in one script: the server runs on an ephemeral port in a thread instead of
# localhost:9999 in its own process, and the client sends fixed messages instead of sys.argv.
# Run it with: python3 samples/SocketServerTcp/tcp_server_and_client.py
import socket
import socketserver
import threading


class MyTCPHandler(socketserver.BaseRequestHandler):
    """
    The request handler class for our server.

    It is instantiated once per connection to the server, and must
    override the handle() method to implement communication to the
    client.
    """

    def handle(self):
        # self.request is the TCP socket connected to the client
        self.data = self.request.recv(1024).strip()
        print("{} wrote:".format(self.client_address[0]))
        print(self.data)
        # just send back the same data, but upper-cased
        self.request.sendall(self.data.upper())


class MyStreamTCPHandler(socketserver.StreamRequestHandler):
    """The documentation's alternative handler: streams (file-like objects) instead of recv()."""

    def handle(self):
        # self.rfile is a file-like object created by the handler;
        # we can now use e.g. readline() instead of raw recv() calls
        self.data = self.rfile.readline().strip()
        print("{} wrote:".format(self.client_address[0]))
        print(self.data)
        # Likewise, self.wfile is a file-like object used to write back
        # to the client
        self.wfile.write(self.data.upper())


def client(host, port, data):
    # Create a socket (SOCK_STREAM means a TCP socket)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Connect to server and send data
        sock.connect((host, port))
        sock.sendall(bytes(data + "\n", "utf-8"))

        # Receive data from the server and shut down
        received = str(sock.recv(1024), "utf-8")

    print("Sent:     {}".format(data))
    print("Received: {}".format(received))


if __name__ == "__main__":
    HOST, PORT = "127.0.0.1", 0

    for handler in (MyTCPHandler, MyStreamTCPHandler):
        # Create the server, binding to 127.0.0.1 on an ephemeral port
        with socketserver.TCPServer((HOST, PORT), handler) as server:
            print("{} serving on {}".format(handler.__name__, server.server_address))
            serving = threading.Thread(target=server.serve_forever, args=(0.05,))
            serving.start()
            host, port = server.server_address
            client(host, port, "hello world")
            client(host, port, "python's socketserver, in C#")
            server.shutdown()
            serving.join()
