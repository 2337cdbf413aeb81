# The socketserver documentation's "socketserver.UDPServer Example" (server and client) in one
# script: the server runs on an ephemeral port in a thread instead of localhost:9999 in its own
# process, and the client sends fixed messages instead of sys.argv.
# Run it with: python3 samples/SocketServerUdp/udp_server_and_client.py
import socket
import socketserver
import threading


class MyUDPHandler(socketserver.BaseRequestHandler):
    """
    This class works similar to the TCP handler class, except that
    self.request consists of a pair of data and client socket, and since
    there is no connection the client address must be given explicitly
    when sending data back via sendto().
    """

    def handle(self):
        data = self.request[0].strip()
        socket = self.request[1]
        print("{} wrote:".format(self.client_address[0]))
        print(data)
        socket.sendto(data.upper(), self.client_address)


def client(host, port, data):
    # SOCK_DGRAM is the socket type to use for UDP sockets
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        # As you can see, there is no connect() call; UDP has no connections.
        # Instead, data is directly sent to the recipient via sendto().
        sock.settimeout(5.0)  # not in the documentation: a lost datagram must not hang the sample
        sock.sendto(bytes(data + "\n", "utf-8"), (host, port))
        received = str(sock.recv(1024), "utf-8")

    print("Sent:     {}".format(data))
    print("Received: {}".format(received))


if __name__ == "__main__":
    with socketserver.UDPServer(("127.0.0.1", 0), MyUDPHandler) as server:
        print("UDP server on {}".format(server.server_address))
        serving = threading.Thread(target=server.serve_forever, args=(0.05,))
        serving.start()
        host, port = server.server_address
        client(host, port, "hello world")
        client(host, port, "a datagram each way")
        server.shutdown()
        serving.join()
