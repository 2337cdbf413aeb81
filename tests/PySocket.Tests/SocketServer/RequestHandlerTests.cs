using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketServer;

/// <summary>StreamRequestHandler and DatagramRequestHandler details (CPython's semantics §11.7–11.9).</summary>
public sealed class RequestHandlerTests
{
    private static readonly TimeSpan Bound = ServerHarness.Bound;

    /// <summary>The usage form from API.md, verbatim.</summary>
    private sealed class Echo : StreamRequestHandler
    {
        public override void handle()
        {
            byte[] line;
            while ((line = rfile.readline()).Length > 0)
            {
                wfile.write(line);
            }
        }
    }

    [Fact]
    public void The_api_md_usage_form_compiles_and_echoes()
    {
        using var srv = new ThreadingTCPServer(("127.0.0.1", 0), () => new Echo());
        var serving = new Thread(() => srv.serve_forever(0.05));
        serving.Start();
        var (shost, sport) = srv.server_address;
        using (var c = socket(AF_INET, SOCK_STREAM))
        {
            c.settimeout(5.0);
            c.connect((shost, sport));
            c.sendall("one\ntwo\n"u8);
            using var f = ((SocketFile)c.makefile("rb"));
            f.readline().Should().Equal("one\n"u8.ToArray());
            f.readline().Should().Equal("two\n"u8.ToArray());
        }

        srv.shutdown();
        srv.server_close();
        serving.Join(Bound).Should().BeTrue();
    }

    private sealed class Inspecting(ConcurrentDictionary<string, object?> seen, Action<StreamRequestHandler>? configure = null) : StreamRequestHandler
    {
        public override void setup()
        {
            configure?.Invoke(this);
            base.setup();
        }

        public override void handle()
        {
            seen["connection is request"] = ReferenceEquals(connection, request);
            seen["wfile.fileno"] = wfile.fileno() == connection.fileno();
            seen["rfile type"] = rfile.GetType().Name;
            seen["wfile type"] = wfile.GetType().Name;
            seen["write returns"] = wfile.write("abc"u8.ToArray());
            seen["nodelay"] = connection.getsockopt(IPPROTO_TCP, TCP_NODELAY);
            seen["timeout"] = connection.gettimeout();
            seen["line"] = rfile.readline();
        }

        public override void finish()
        {
            base.finish();
            seen["closed after finish"] = (wfile.closed, rfile.closed, connection.fileno() >= 0);
        }
    }

    [Fact]
    public void Stream_handlers_default_to_a_buffered_rfile_and_an_unbuffered_writer_that_sends_at_once()
    {
        var seen = new ConcurrentDictionary<string, object?>();
        using var server = new TCPServer(("127.0.0.1", 0), () => new Inspecting(seen));
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        c.sendall("line\n"u8);
        server.handle_request();
        c.recv(10).Should().Equal("abc"u8.ToArray());

        seen["connection is request"].Should().Be(true);
        seen["wfile.fileno"].Should().Be(true);
        seen["rfile type"].Should().Be("BufferedReader");
        seen["write returns"].Should().Be(3);
        seen["nodelay"].Should().Be(0);
        seen["timeout"].Should().BeNull();
        seen["line"].Should().BeEquivalentTo("line\n"u8.ToArray());
        seen["closed after finish"].Should().Be((true, true, true), "finish closes the files; the server closes the socket later");
        server.server_close();
    }

    [Fact]
    public void Timeout_nagle_and_wbufsize_settings_are_applied_in_setup_and_finish_flushes_the_buffered_writer()
    {
        var seen = new ConcurrentDictionary<string, object?>();
        using var server = new TCPServer(("127.0.0.1", 0), () => new Inspecting(seen, h =>
        {
            h.timeout = 2.5;
            h.disable_nagle_algorithm = true;
            h.wbufsize = 1024;
        }));
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        c.sendall("line\n"u8);
        server.handle_request();
        c.recv(10).Should().Equal("abc"u8.ToArray(), "finish() flushed the BufferedWriter");

        seen["wfile type"].Should().Be("BufferedWriter");
        seen["nodelay"].Should().Be(1);
        seen["timeout"].Should().Be(2.5);
        server.server_close();
    }

    private sealed class BufferProbe(ConcurrentQueue<string> seen) : StreamRequestHandler
    {
        public override void handle()
        {
            var line = rfile.readline();
            var n = wfile.write([.. "got "u8.ToArray(), .. line]);
            var type = wfile.GetType().Name == "SocketWriter" ? "_SocketWriter" : wfile.GetType().Name;
            seen.Enqueue($"{rbufsize} {wbufsize} {rfile.GetType().Name} {type} {n} {PyRepr(rfile.readline())}");
        }
    }

    private static string PyRepr(byte[] b) => "b'" + Encoding.ASCII.GetString(b).Replace("\n", "\\n", StringComparison.Ordinal) + "'";

    private static readonly (int R, int W)[] BufferSizes = [(-1, 0), (0, 0), (1, 1), (8192, -1), (0, 8192)];

    [PythonFact]
    public void Rbufsize_and_wbufsize_variants_make_the_same_files_and_bytes_as_python()
    {
        var python = Python.Run("""
import socket, socketserver, sys
out = []
class H(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline()
        n = self.wfile.write(b'got ' + line)
        out.append(f"{self.rbufsize} {self.wbufsize} {type(self.rfile).__name__} {type(self.wfile).__name__} {n} {self.rfile.readline()!r}")
for rb, wb in [(-1, 0), (0, 0), (1, 1), (8192, -1), (0, 8192)]:
    H.rbufsize, H.wbufsize = rb, wb
    with socketserver.TCPServer(('127.0.0.1', 0), H) as s:
        c = socket.create_connection(s.server_address, timeout=5); c.sendall(b'l1\nl2\n'); c.shutdown(socket.SHUT_WR)
        s.handle_request()
        data = b''
        while (d := c.recv(100)):
            data += d
        out[-1] += ' ' + repr(data)
        c.close()
print('\n'.join(out))
""", Bound).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var seen = new ConcurrentQueue<string>();
        var actual = new System.Collections.Generic.List<string>();
        foreach (var (r, w) in BufferSizes)
        {
            using var server = new TCPServer(("127.0.0.1", 0), () => new BufferProbe(seen) { rbufsize = r, wbufsize = w });
            using var c = ServerHarness.Client(server);
            c.connect(server.server_address);
            c.sendall("l1\nl2\n"u8);
            c.shutdown(SHUT_WR);
            server.handle_request();
            var data = new System.Collections.Generic.List<byte>();
            byte[] d;
            while ((d = c.recv(100)).Length > 0)
            {
                data.AddRange(d);
            }

            seen.TryDequeue(out var line).Should().BeTrue();
            actual.Add(line + " " + PyRepr([.. data]));
        }

        actual.Should().Equal(python);
    }

    private sealed class BrokenPipeProbe(ConcurrentQueue<string> log) : StreamRequestHandler
    {
        public override void handle()
        {
            connection.recv(10);
            connection.recv(10).Should().BeEmpty();
            for (var i = 0; i < 1000; i++)
            {
                try
                {
                    connection.sendall("a"u8);
                }
                catch (OSError)
                {
                    // The peer's reset arrived (its errno may vary; the later ones are EPIPE).
                    log.Enqueue("handle: a send failed");
                    break;
                }
            }

            wfile.write(new byte[10]);
        }

        public override void finish()
        {
            try
            {
                base.finish();
                log.Enqueue("finish ok");
            }
            catch (OSError e)
            {
                log.Enqueue("finish raised " + e.GetType().Name);
                throw;
            }
        }
    }

    private sealed class LoggingErrors(ConcurrentQueue<string> log, Func<BaseRequestHandler> handler) : TCPServer(("127.0.0.1", 0), handler)
    {
        public override void handle_error(SocketObject request, SockAddr? client_address) => log.Enqueue("handle_error " + exc_info!.GetType().Name);
    }

    [PythonFact]
    public void Finish_ignores_a_failed_flush_but_not_a_failed_close_as_python_does()
    {
        var python = Python.Run("""
import socket, socketserver, sys
class H(socketserver.StreamRequestHandler):
    def handle(self):
        self.request.recv(10); assert self.request.recv(10) == b''
        for i in range(1000):
            try: self.request.sendall(b'a')
            except OSError: log.append('handle: a send failed'); break
        self.wfile.write(bytes(10))
    def finish(self):
        try: super().finish(); log.append('finish ok')
        except OSError as e: log.append('finish raised ' + type(e).__name__); raise
class S(socketserver.TCPServer):
    def handle_error(self, r, a): log.append('handle_error ' + type(sys.exc_info()[1]).__name__)
for wb in (0, 100):
    log = []
    H.wbufsize = wb
    with S(('127.0.0.1', 0), H) as s:
        c = socket.create_connection(s.server_address, timeout=5); c.sendall(b'x'); c.close()
        s.handle_request()
    print(', '.join(log))
""", Bound).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var actual = new System.Collections.Generic.List<string>();
        foreach (var wb in new[] { 0, 100 })
        {
            var log = new ConcurrentQueue<string>();
            using var server = new LoggingErrors(log, () => new BrokenPipeProbe(log) { wbufsize = wb });
            using (var c = ServerHarness.Client(server))
            {
                c.connect(server.server_address);
                c.sendall("x"u8);
            }

            server.handle_request();
            actual.Add(string.Join(", ", log));
        }

        actual.Should().Equal(python);
    }

    private sealed class NotingDatagramHandler(ConcurrentQueue<string> seen) : DatagramRequestHandler
    {
        public override void handle()
        {
            seen.Enqueue(client_address?.repr() ?? "None");
            wfile.write("r"u8.ToArray());
        }
    }

    private sealed class UnixDatagramErrors(string path, ConcurrentQueue<string> seen) : UnixDatagramServer(path, () => new NotingDatagramHandler(seen))
    {
        public override void handle_error((byte[] data, SocketObject socket) request, SockAddr? client_address) =>
            seen.Enqueue($"err {exc_info!.GetType().Name}: {exc_info.Message}");
    }

    [PythonFact]
    public void An_unbound_unix_datagram_client_has_no_address_so_the_reply_fails_into_handle_error_as_in_python()
    {
        var python = Python.Run("""
import os, socket, socketserver, tempfile
seen = []
class H(socketserver.DatagramRequestHandler):
    def handle(self):
        seen.append(repr(self.client_address)); self.wfile.write(b'r')
class S(socketserver.UnixDatagramServer):
    def handle_error(self, r, a):
        import sys; e = sys.exc_info()[1]; seen.append(f'err {type(e).__name__}: {e}')
path = os.path.join(tempfile.mkdtemp(), 's')
with S(path, H) as s:
    c = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); c.sendto(b'x', path); s.handle_request(); c.close()
print(' | '.join(seen))
""", Bound).Trim();
        var seen = new ConcurrentQueue<string>();
        var path = ServerHarness.UnixPath();
        using var server = new UnixDatagramErrors(path, seen);
        try
        {
            using var c = socket(AF_UNIX, SOCK_DGRAM);
            c.sendto("x"u8.ToArray(), path);
            server.handle_request();
            string.Join(" | ", seen).Should().Be(python);
        }
        finally
        {
            server.server_close();
            ServerHarness.Cleanup(server.server_address);
        }
    }

    private sealed class SlowReader : StreamRequestHandler
    {
        public SlowReader() => timeout = 0.05;

        public override void handle() => rfile.readline();
    }

    private sealed class ErrorRecorder(Func<BaseRequestHandler> handler) : TCPServer(("127.0.0.1", 0), handler)
    {
        public Exception? Error;

        public override void handle_error(SocketObject request, SockAddr? client_address) => Error = exc_info;
    }

    [Fact]
    public void A_handler_timeout_raises_TimeoutError_which_reaches_handle_error()
    {
        using var server = new ErrorRecorder(() => new SlowReader());
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        server.handle_request();
        server.Error.Should().BeOfType<TimeoutError>().Which.Message.Should().Be("timed out");
        c.recv(10).Should().BeEmpty();
        server.server_close();
    }

    private sealed class DatagramReply(string reply, bool raise) : DatagramRequestHandler
    {
        public override void handle()
        {
            wfile.write(Encoding.ASCII.GetBytes(reply));
            if (raise)
            {
                throw new InvalidOperationException("after writing");
            }
        }
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("partial", true)]
    [InlineData("", true)]
    public void Datagram_handlers_always_send_the_reply_even_empty_and_even_after_handle_raised(string reply, bool raise)
    {
        using var udp = new UDPServerWithErrors(() => new DatagramReply(reply, raise));
        using var c = ServerHarness.Client(udp);
        c.sendto("x"u8.ToArray(), udp.server_address);
        udp.handle_request();
        var (data, from) = c.recvfrom(100);
        data.Should().Equal(Encoding.ASCII.GetBytes(reply));
        from.Should().Be(udp.server_address);
        (udp.Error is not null).Should().Be(raise);
    }

    private sealed class UDPServerWithErrors(Func<BaseRequestHandler> handler) : UDPServer(("127.0.0.1", 0), handler)
    {
        public Exception? Error;

        public override void handle_error((byte[] data, SocketObject socket) request, SockAddr? client_address) => Error = exc_info;
    }

    private sealed class PacketSize(ConcurrentQueue<int> sizes) : DatagramRequestHandler
    {
        public override void handle()
        {
            sizes.Enqueue(packet.Length);
            ReferenceEquals(socket, ((UDPServer)server).socket).Should().BeTrue();
            rfile.read().Should().Equal(packet);
        }
    }

    [Fact]
    public void Datagrams_are_truncated_to_max_packet_size()
    {
        var sizes = new ConcurrentQueue<int>();
        using var udp = new UDPServer(("127.0.0.1", 0), () => new PacketSize(sizes)) { max_packet_size = 100 };
        using var c = ServerHarness.Client(udp);
        c.sendto(new byte[500], udp.server_address);
        udp.handle_request();
        c.recvfrom(10);
        sizes.Should().Equal(100);
    }

    private sealed class AddressNoter(ConcurrentQueue<string> addresses) : BaseRequestHandler
    {
        public override void handle() => addresses.Enqueue(client_address?.repr() ?? "None");
    }

    [PythonFact]
    public void An_unbound_unix_stream_client_has_the_same_client_address_as_in_python()
    {
        var python = Python.Run("""
import os, socket, socketserver, tempfile
seen = []
class H(socketserver.BaseRequestHandler):
    def handle(self): seen.append(repr(self.client_address))
path = os.path.join(tempfile.mkdtemp(), 's')
with socketserver.UnixStreamServer(path, H) as s:
    c = socket.socket(socket.AF_UNIX); c.connect(path); s.handle_request(); c.close()
    print(repr(s.server_address) == repr(path), seen[0])
""", Bound).Trim();
        var addresses = new ConcurrentQueue<string>();
        var path = ServerHarness.UnixPath();
        using var server = new UnixStreamServer(path, () => new AddressNoter(addresses));
        try
        {
            using var c = socket(AF_UNIX, SOCK_STREAM);
            c.settimeout(5.0);
            c.connect(path);
            server.handle_request();
            $"{(server.server_address.repr() == SockAddr.Unix(path).repr() ? "True" : "False")} {addresses.Single()}".Should().Be(python);
        }
        finally
        {
            server.server_close();
            System.IO.File.Exists(path).Should().BeTrue("the server never unlinks its path");
            ServerHarness.Cleanup(server.server_address);
        }
    }
}
