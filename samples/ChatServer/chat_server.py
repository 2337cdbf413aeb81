# A line-based chat server over socketserver.ThreadingTCPServer: a client sends its name, then
# lines; the server tells everyone who joins and leaves and relays each line to the others. The
# script starts the server on an ephemeral port and plays a short conversation of three clients,
# each waiting for what it should receive, so the output is the same on every run.
# Run it with: python3 samples/ChatServer/chat_server.py
import socket
import socketserver
import threading


class ChatServer(socketserver.ThreadingTCPServer):
    def __init__(self, server_address):
        super().__init__(server_address, ChatHandler)
        self.lock = threading.Lock()
        self.members = {}  # name -> wfile

    def broadcast(self, line, exclude=None):
        # One lock for the member list and the writes, so every member sees the same order.
        with self.lock:
            for name, wfile in self.members.items():
                if name != exclude:
                    wfile.write(line.encode('utf-8') + b'\n')


class ChatHandler(socketserver.StreamRequestHandler):
    def handle(self):
        name = self.rfile.readline().decode('utf-8').strip()
        with self.server.lock:
            self.server.members[name] = self.wfile
        self.server.broadcast('* {} joined'.format(name))
        for line in self.rfile:
            self.server.broadcast('<{}> {}'.format(name, line.decode('utf-8').rstrip('\n')), exclude=name)
        with self.server.lock:
            del self.server.members[name]
        self.server.broadcast('* {} left'.format(name))


class Client:
    def __init__(self, address, name):
        self.name = name
        self.sock = socket.create_connection(address, timeout=5.0)
        self.replies = self.sock.makefile('rb')
        self.sock.sendall(name.encode('utf-8') + b'\n')

    def say(self, text):
        print('{} says: {}'.format(self.name, text))
        self.sock.sendall(text.encode('utf-8') + b'\n')

    def expect(self):
        print('  {} sees: {}'.format(self.name, self.replies.readline().decode('utf-8').rstrip('\n')))

    def leave(self):
        print('{} leaves'.format(self.name))
        self.replies.close()
        self.sock.close()


with ChatServer(('127.0.0.1', 0)) as server:
    serving = threading.Thread(target=server.serve_forever, args=(0.05,))
    serving.start()
    print('chat server on', server.server_address)

    alice = Client(server.server_address, 'alice')
    alice.expect()
    bob = Client(server.server_address, 'bob')
    alice.expect()
    bob.expect()
    alice.say('hi bob')
    bob.expect()
    bob.say('hello alice')
    alice.expect()
    carol = Client(server.server_address, 'carol')
    alice.expect()
    bob.expect()
    carol.expect()
    carol.say('hi all')
    alice.expect()
    bob.expect()
    alice.leave()
    bob.expect()
    carol.expect()
    bob.leave()
    carol.expect()
    carol.leave()

    server.shutdown()
    serving.join()
print('server closed')
