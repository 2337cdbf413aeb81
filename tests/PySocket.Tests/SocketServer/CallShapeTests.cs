using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Bytes;
using static PySocket.Socket;

namespace PySocket.Tests.SocketServer;

/// <summary>
/// The call shapes a line-by-line port writes (issue 9 / issue 11): each class below is the Python shown above
/// it, with no cast; the tests check they compile and behave as the Python does.
/// </summary>
public sealed class CallShapeTests
{
    private static readonly TimeSpan Bound = ServerHarness.Bound;

    // class MyTCPHandler(socketserver.BaseRequestHandler):
    //     def handle(self):
    //         self.data = self.request.recv(1024).strip()
    //         self.request.sendall(self.data.upper())
    private sealed class MyTCPHandler : BaseRequestHandler<SocketObject>
    {
        public byte[] data = [];

        public override void handle()
        {
            data = request.recv(1024).strip();
            request.sendall(data.upper());
        }
    }

    // class MyUDPHandler(socketserver.BaseRequestHandler):
    //     def handle(self):
    //         data = self.request[0].strip()
    //         socket = self.request[1]
    //         socket.sendto(data.upper(), self.client_address)
    private sealed class MyUDPHandler : BaseRequestHandler<(byte[] data, SocketObject socket)>
    {
        public override void handle()
        {
            var data = request.data.strip();
            var socket = request.socket;
            socket.sendto(data.upper(), client_address);
        }
    }

    // The same with unpacking: data, socket = self.request
    private sealed class UnpackingUDPHandler : DatagramRequestHandler
    {
        public override void handle()
        {
            var (data, sock) = request;
            sock.sendto([.. "got "u8, .. data], client_address);
        }
    }

    [Fact]
    public void The_documentation_tcp_handler_gets_a_socket_object_request()
    {
        using var server = new TCPServer(("127.0.0.1", 0), () => new MyTCPHandler());
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        c.sendall("hello world\n"u8);
        server.handle_request();
        c.recv(1024).Should().Equal("HELLO WORLD"u8.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_documentation_udp_handlers_get_a_data_socket_tuple_that_deconstructs(bool unpacking)
    {
        using var server = new UDPServer(("127.0.0.1", 0), unpacking ? () => new UnpackingUDPHandler() : () => new MyUDPHandler());
        using var c = ServerHarness.Client(server);
        c.sendto("hello world\n"u8.ToArray(), server.server_address);
        server.handle_request();
        c.recvfrom(1024).Item1.Should().Equal(unpacking ? "got hello world\n"u8.ToArray() : "HELLO WORLD"u8.ToArray());
    }

    // class S(socketserver.TCPServer):
    //     def verify_request(self, request, client_address): return request.recv(1, MSG_PEEK) != b'x'
    //     def handle_timeout(self): self.timeouts += 1
    //     def service_actions(self): ...
    //     def handle_error(self, request, client_address): self.errors.append(request.fileno() >= 0)
    //     def server_close(self): super().server_close(); self.closed = True
    private sealed class HookServer(Func<BaseRequestHandler> handler) : TCPServer(("127.0.0.1", 0), handler)
    {
        public int Timeouts;
        public int Actions;
        public bool Closed;
        public readonly List<bool> Errors = [];

        public override bool verify_request(SocketObject request, SockAddr? client_address) => !request.recv(1, MSG_PEEK).SequenceEqual("x"u8.ToArray());

        public override void handle_timeout() => Timeouts++;

        public override void service_actions() => Actions++;

        public override void handle_error(SocketObject request, SockAddr? client_address) => Errors.Add(request.fileno() >= 0);

        public override void server_close()
        {
            base.server_close();
            Closed = true;
        }
    }

    private sealed class Raising : BaseRequestHandler<SocketObject>
    {
        public override void handle() => throw new InvalidOperationException("handler failed");
    }

    [Fact]
    public void Server_hooks_override_with_void_and_typed_signatures()
    {
        var server = new HookServer(() => new Raising()) { timeout = 0.01 };
        server.handle_request();
        server.Timeouts.Should().Be(1);

        using (var rejected = ServerHarness.Client(server))
        {
            rejected.connect(server.server_address);
            rejected.sendall("x"u8);
            server.handle_request();
            rejected.recv(10).Should().BeEmpty("verify_request refused it, so it was shut down unhandled");
        }

        using (var failing = ServerHarness.Client(server))
        {
            failing.connect(server.server_address);
            failing.sendall("y"u8);
            server.handle_request();
        }

        server.Errors.Should().Equal(true);
        server.Dispose();
        server.Closed.Should().BeTrue();
    }

    // class S(socketserver.UDPServer):
    //     def verify_request(self, request, client_address):
    //         data, sock = request
    //         return data.startswith(b'ok')
    private sealed class DatagramFilter() : UDPServer(("127.0.0.1", 0), () => new MyUDPHandler())
    {
        public override bool verify_request((byte[] data, SocketObject socket) request, SockAddr? client_address)
        {
            var (data, _) = request;
            return data.startswith("ok"u8.ToArray());
        }
    }

    [Fact]
    public void A_datagram_servers_hooks_take_the_data_socket_tuple()
    {
        using var server = new DatagramFilter { timeout = 5 };
        using var c = ServerHarness.Client(server);
        c.sendto("no"u8.ToArray(), server.server_address);
        c.sendto("ok go"u8.ToArray(), server.server_address);
        server.handle_request();
        server.handle_request();
        c.recvfrom(100).Item1.Should().Equal("OK GO"u8.ToArray(), "the first datagram was rejected");
    }

    private sealed class WrongKind(ConcurrentQueue<string> seen) : UDPServer(("127.0.0.1", 0), () => new StreamRequestHandler())
    {
        public override void handle_error((byte[] data, SocketObject socket) request, SockAddr? client_address) =>
            seen.Enqueue($"{exc_info!.GetType().Name}: {exc_info.Message}");
    }

    [Fact]
    public void A_stream_handler_on_a_datagram_server_raises_TypeError_into_handle_error()
    {
        var seen = new ConcurrentQueue<string>();
        using var server = new WrongKind(seen);
        using var c = ServerHarness.Client(server);
        c.sendto("x"u8.ToArray(), server.server_address);
        server.handle_request();
        seen.Should().ContainSingle().Which.Should().StartWith(
            "TypeError: StreamRequestHandler handles SocketObject requests, not (byte[] data, SocketObject socket)");
    }

    [PythonFact]
    public void Handler_attributes_read_before_setup_raise_pythons_attribute_error_message()
    {
        var python = Python.Evaluate("import socketserver", [
            "socketserver.StreamRequestHandler.__new__(socketserver.StreamRequestHandler).rfile",
            "socketserver.StreamRequestHandler.__new__(socketserver.StreamRequestHandler).connection",
            "socketserver.DatagramRequestHandler.__new__(socketserver.DatagramRequestHandler).packet",
            "socketserver.BaseRequestHandler.__new__(socketserver.BaseRequestHandler).request",
        ]).Select(n => n!["message"]!.GetValue<string>()).ToList();
        var dotnet = new List<string>
        {
            Message(() => new StreamRequestHandler().rfile),
            Message(() => new StreamRequestHandler().connection),
            Message(() => new DatagramRequestHandler().packet),
            Message(() => new BaseRequestHandler().request),
        };
        dotnet.Should().Equal(python);

        static string Message(Func<object> read) => FluentActions.Invoking(read).Should().Throw<InvalidOperationException>().Which.Message;
    }

    private sealed class WfileKind(ConcurrentQueue<string> seen, int size) : StreamRequestHandler
    {
        public override int wbufsize => size;

        public override void handle()
        {
            BufferedIOBase w = wfile; // Python: isinstance(self.wfile, io.BufferedIOBase)
            seen.Enqueue($"{w is BufferedIOBase} {w.write("abc"u8.ToArray())} {w.writable()}");
        }
    }

    [PythonTheory]
    [InlineData(0)]
    [InlineData(8192)]
    public void Wfile_is_a_BufferedIOBase_for_every_wbufsize_as_in_python(int wbufsize)
    {
        var python = Python.Run($$"""
import io, socket, socketserver
class H(socketserver.StreamRequestHandler):
    wbufsize = {{wbufsize}}
    def handle(self):
        print(isinstance(self.wfile, io.BufferedIOBase), self.wfile.write(b'abc'), self.wfile.writable())
with socketserver.TCPServer(('127.0.0.1', 0), H) as s:
    c = socket.create_connection(s.server_address)
    s.handle_request()
    c.close()
""", Bound).Trim();
        var seen = new ConcurrentQueue<string>();
        using var server = new TCPServer(("127.0.0.1", 0), () => new WfileKind(seen, wbufsize));
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        server.handle_request();
        c.recv(10).Should().Equal("abc"u8.ToArray());
        seen.Should().ContainSingle().Which.Should().Be(python);
    }

    [Fact]
    public void Cmsg_results_pass_to_recvmsg_without_a_cast()
    {
        // Python: msg, ancdata, flags, addr = b.recvmsg(1, socket.CMSG_SPACE(2 * array.array('i').itemsize))
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(5.0);
            b.settimeout(5.0);
            a.sendall("x"u8);
            var (msg, ancdata, flags, _) = b.recvmsg(1, CMSG_SPACE(2 * sizeof(int)));
            msg.Should().Equal("x"u8.ToArray());
            ancdata.Should().BeEmpty();
            flags.Should().Be(0);
            a.sendall("y"u8);
            b.recvmsg(1, CMSG_LEN(sizeof(int))).data.Should().Equal("y"u8.ToArray());
        }
    }

    [Fact]
    public void Repr_of_received_bytes_prints_as_python_prints_them()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            b.settimeout(5.0);
            a.sendall("hello\n"u8);

            // print('received', b.recv(100))
            $"received {repr(b.recv(100))}".Should().Be("received b'hello\\n'");
        }
    }
}

/// <summary>
/// Request threads' names. The number in <c>Thread-N</c> is one process-wide counter (threading's _counter), so
/// the test runs alone: a threading server in a parallel test would take numbers between ours.
/// </summary>
[Collection(SocketServerIsolatedCollection.Name)]
public sealed class RequestThreadNameTests
{
    private sealed class ThreadName(ConcurrentQueue<string> names) : BaseRequestHandler<SocketObject>
    {
        public override void handle()
        {
            names.Enqueue(Thread.CurrentThread.Name!);
            request.sendall("x"u8);
        }
    }

    [PythonFact]
    public void Request_threads_are_named_as_pythons_threading_names_them()
    {
        var python = Python.Run("""
import socket, socketserver, threading
names = []
class H(socketserver.BaseRequestHandler):
    def handle(self):
        names.append(threading.current_thread().name); self.request.sendall(b'x')
with socketserver.ThreadingTCPServer(('127.0.0.1', 0), H) as s:
    t = threading.Thread(target=s.serve_forever, args=(0.05,)); t.start()
    for i in range(2):
        with socket.create_connection(s.server_address) as c: c.recv(1)
    s.shutdown(); t.join()
print('\n'.join(names))
""", ServerHarness.Bound).Trim().Split('\n');
        var names = new ConcurrentQueue<string>();
        using var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new ThreadName(names));
        using (ServerHarness.Serve(server))
        {
            for (var i = 0; i < 2; i++)
            {
                using var c = ServerHarness.Client(server);
                c.connect(server.server_address);
                c.recv(1);
            }
        }

        var pattern = new Regex(@"^Thread-(\d+) \(process_request_thread\)$");
        python.Should().AllSatisfy(n => pattern.IsMatch(n).Should().BeTrue(n));
        var ours = names.ToArray();
        ours.Should().HaveCount(2).And.AllSatisfy(n => pattern.IsMatch(n).Should().BeTrue(n));
        int N(string n) => int.Parse(pattern.Match(n).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        (N(ours[1]) - N(ours[0])).Should().Be(N(python[1]) - N(python[0]), "one process-wide counter, as threading's _counter");
    }
}
