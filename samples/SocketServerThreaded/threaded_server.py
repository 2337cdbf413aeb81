# The socketserver documentation's "Asynchronous Mixins" example (ThreadingMixIn). As there, the
# server listens on port 0 and the clients run in the same script. The documentation prints thread
# names, which differ between runs and implementations; this version prints instead that every
# request ran on a thread of its own, neither the main thread nor the server loop's.
# Run it with: python3 samples/SocketServerThreaded/threaded_server.py
import socket
import threading
import socketserver

request_threads = []
request_threads_lock = threading.Lock()


class ThreadedTCPRequestHandler(socketserver.BaseRequestHandler):

    def handle(self):
        data = str(self.request.recv(1024), 'ascii')
        cur_thread = threading.current_thread()
        with request_threads_lock:
            request_threads.append(cur_thread)
            number = len(request_threads)
        response = bytes("request thread {}: {}".format(number, data), 'ascii')
        self.request.sendall(response)


class ThreadedTCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    pass


def client(ip, port, message):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.connect((ip, port))
        sock.sendall(bytes(message, 'ascii'))
        response = str(sock.recv(1024), 'ascii')
        print("Received: {}".format(response))


if __name__ == "__main__":
    # Port 0 means to select an arbitrary unused port
    HOST, PORT = "127.0.0.1", 0

    server = ThreadedTCPServer((HOST, PORT), ThreadedTCPRequestHandler)
    with server:
        ip, port = server.server_address

        # Start a thread with the server -- that thread will then start one
        # more thread for each request
        server_thread = threading.Thread(target=server.serve_forever, args=(0.05,))
        # Exit the server thread when the main thread terminates
        server_thread.daemon = True
        server_thread.start()
        print("Server loop running in a thread:", server_thread is not threading.main_thread())

        client(ip, port, "Hello World 1")
        client(ip, port, "Hello World 2")
        client(ip, port, "Hello World 3")

        server.shutdown()

    others = {threading.main_thread(), server_thread}
    print("requests:", len(request_threads))
    print("each on a thread of its own:", len(set(request_threads)) == len(request_threads)
          and not others & set(request_threads))
