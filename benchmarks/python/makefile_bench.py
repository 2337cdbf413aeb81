"""CPython twin of benchmarks/PySocket.Benchmarks/MakefileBenchmarks.cs: the same workloads on the same sizes.

Each read workload connects to a local sender (a thread that sends its body and closes the connection);
the write workload writes into a connection a thread drains. Prints one TSV line per workload:
name, seconds per operation (the median of the runs), bytes per operation.
"""
import random
import socket
import statistics
import sys
import threading
import time

BODY_SIZE = 50_000_000
LINES_SIZE = 16_000_000
WRITE_SIZE = 10 << 20
CHUNK = 64 * 1024


def lines(size, ascii):
    line = (b"x" * 79 + b"\n") if ascii else ("caf\u00e9 na\u00efve \u20ac " + "y" * 64 + "\n").encode("utf-8")
    return line * (size // len(line))


class Sender:
    def __init__(self, data):
        self.data = data
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=16)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            conn, _ = self.listener.accept()
            with conn:
                conn.sendall(self.data)
                conn.shutdown(socket.SHUT_WR)


def run(name, size, op, warmup=2, runs=5):
    for _ in range(warmup):
        op()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        op()
        times.append(time.perf_counter() - t0)
    print(f"{name}\t{statistics.median(times):.6f}\t{size}", flush=True)


def main():
    only = set(sys.argv[1:])
    body = Sender(random.Random(42).randbytes(BODY_SIZE))
    binary_lines = Sender(lines(LINES_SIZE, True))
    text_lines = Sender(lines(LINES_SIZE, False))

    def read_all():
        with socket.create_connection(("127.0.0.1", body.port)) as s, s.makefile("rb") as f:
            return len(f.read())

    def read_n():
        with socket.create_connection(("127.0.0.1", body.port)) as s, s.makefile("rb") as f:
            total = 0
            while data := f.read(CHUNK):
                total += len(data)
            return total

    buf = bytearray(CHUNK)

    def read_into():
        with socket.create_connection(("127.0.0.1", body.port)) as s, s.makefile("rb") as f:
            total = 0
            while n := f.readinto(buf):
                total += n
            return total

    def line_iter():
        with socket.create_connection(("127.0.0.1", binary_lines.port)) as s, s.makefile("rb") as f:
            return sum(len(line) for line in f)

    def text_iter():
        with socket.create_connection(("127.0.0.1", text_lines.port)) as s, s.makefile("r", encoding="utf-8") as t:
            return sum(len(line) for line in t)

    # A loopback TCP pair with TCP_NODELAY on both ends, as the .NET benchmarks' Loopback.PyPair/RawPair.
    with socket.create_server(("127.0.0.1", 0)) as listener:
        writer = socket.create_connection(listener.getsockname())
        peer, _ = listener.accept()
    for s in (writer, peer):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def drain():
        sink = bytearray(1 << 20)
        while peer.recv_into(sink):
            pass

    threading.Thread(target=drain, daemon=True).start()
    wfile = writer.makefile("wb")
    payload = random.Random(43).randbytes(WRITE_SIZE)

    def write():
        wfile.write(payload)
        wfile.flush()

    def sendall():
        writer.sendall(payload)

    work = [
        ("read_all", BODY_SIZE, read_all),
        ("read_n", BODY_SIZE, read_n),
        ("readinto", BODY_SIZE, read_into),
        ("lines", len(lines(LINES_SIZE, True)), line_iter),
        ("text_lines", len(lines(LINES_SIZE, False)), text_iter),
        ("write", WRITE_SIZE, write),
        ("sendall", WRITE_SIZE, sendall),
    ]
    for name, size, op in work:
        if not only or name in only:
            run(name, size, op)


if __name__ == "__main__":
    main()
