using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketServer;

/// <summary>Tests that time things, count process-wide descriptors or redirect stderr run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SocketServerIsolatedCollection
{
    public const string Name = "socketserver timing, descriptors and stderr";
}

[Collection(SocketServerIsolatedCollection.Name)]
public sealed class ServerIsolatedTests
{
    private static readonly TimeSpan Bound = ServerHarness.Bound;

    private sealed class TimeoutServer() : TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler())
    {
        public int Timeouts;

        public override object? handle_timeout()
        {
            Timeouts++;
            return "handle_timeout's value";
        }
    }

    [Theory]
    [InlineData(0.2, null)]
    [InlineData(null, 0.2)]
    [InlineData(5.0, 0.2)]
    [InlineData(0.2, 5.0)]
    public void Handle_request_times_out_after_the_smaller_timeout_and_returns_handle_timeouts_value(double? serverTimeout, double? socketTimeout)
    {
        using var server = new TimeoutServer { timeout = serverTimeout };
        server.socket.settimeout(socketTimeout);
        // Timed on the calling thread itself, so thread-pool start-up latency under load is not counted.
        var result = Task.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            var value = server.handle_request();
            return (value, watch.Elapsed.TotalSeconds);
        });
        result.Within(Bound).Should().BeTrue();
        result.Value().TotalSeconds.Should().BeInRange(0.2 * 0.75, 0.2 * 3);
        result.Value().value.Should().Be("handle_timeout's value");
        server.Timeouts.Should().Be(1);
    }

    [PythonFact]
    public void Handle_request_returns_handle_timeouts_value_in_python_too()
    {
        var output = Python.Run("""
import socketserver
class S(socketserver.TCPServer):
    timeout = 0.05
    def handle_timeout(self):
        return "handle_timeout's value"
with S(('127.0.0.1', 0), socketserver.BaseRequestHandler) as s:
    print(s.handle_request())
""", Bound);
        using var server = new TimeoutServer { timeout = 0.05 };
        output.Trim().Should().Be((string)server.handle_request()!);
    }

    [PythonFact]
    public void The_default_handle_error_prints_pythons_layout_to_stderr()
    {
        // Python's side: the same failing handler under a real TCPServer, stderr captured.
        var python = Python.Run("""
import io, socket, socketserver, sys
class H(socketserver.BaseRequestHandler):
    def handle(self):
        raise KeyError('oops')
err = io.StringIO()
sys.stderr = err
with socketserver.TCPServer(('127.0.0.1', 0), H) as s:
    c = socket.create_connection(s.server_address)
    s.handle_request()
    port = c.getsockname()[1]
    c.close()
sys.stderr = sys.__stderr__
lines = err.getvalue().splitlines()
print(lines[0]); print(lines[1].replace(str(port), 'PORT')); print(lines[-1]); print(err.getvalue().endswith('\n'))
""", Bound).Split('\n');

        var saved = Console.Error;
        var captured = new StringWriter();
        string text;
        int port;
        try
        {
            Console.SetError(captured);
            using var server = new TCPServer(("127.0.0.1", 0), () => new ThrowingHandler());
            using var c = ServerHarness.Client(server);
            c.connect(server.server_address);
            server.handle_request();
            port = c.getsockname().port;
        }
        finally
        {
            Console.SetError(saved);
        }

        text = captured.ToString();
        var lines = text.Split('\n');
        lines[0].Should().Be(python[0]);
        lines[1].Replace(port.ToString(System.Globalization.CultureInfo.InvariantCulture), "PORT", StringComparison.Ordinal).Should().Be(python[1]);
        lines[2].Should().StartWith("System.Collections.Generic.KeyNotFoundException: oops");
        lines[^2].Should().Be(python[2]);
        text.EndsWith('\n').ToString().Should().Be(python[3]);
    }

    private sealed class ThrowingHandler : BaseRequestHandler
    {
        public override void handle() => throw new System.Collections.Generic.KeyNotFoundException("oops");
    }

    // The sockets this process has open, as "fd -> socket:[inode]". Finalizers run first, so sockets other
    // tests left to the collector are closed before counting; comparing sets ignores descriptors closed meanwhile.
    private static HashSet<string> OpenSockets()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var sockets = new HashSet<string>();
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:", StringComparison.Ordinal))
                {
                    sockets.Add($"{Path.GetFileName(fd)} -> {target}");
                }
            }
            catch (IOException)
            {
                // Closed while we looked: not open.
            }
        }

        return sockets;
    }

    [Theory]
    [MemberData(nameof(ServerHarness.AllKinds), MemberType = typeof(ServerHarness))]
    public void Server_close_leaves_no_descriptors_or_request_threads_behind(ServerKind kind)
    {
        // Warm up once so lazily created runtime handles (thread pool, epoll) are not counted.
        RunServer(kind, _ => { });
        var before = OpenSockets();
        var threads = new System.Collections.Concurrent.ConcurrentBag<Thread>();
        RunServer(kind, threads.Add);
        OpenSockets().Except(before).Should().BeEmpty("server_close closes the server socket and every request socket");
        if (ServerHarness.IsThreading(kind))
        {
            threads.Should().HaveCount(3);
            threads.Should().AllSatisfy(t => t.IsAlive.Should().BeFalse("block_on_close joined every request thread"));
        }
    }

    private static void RunServer(ServerKind kind, Action<Thread> onRequest)
    {
        using var server = ServerHarness.Make(kind, () => new NoteThread(onRequest));
        try
        {
            using (ServerHarness.Serve(server))
            {
                for (var i = 0; i < 3; i++)
                {
                    ServerHarness.RoundTrip(server, "ping\n"u8.ToArray()).Should().Equal("pong"u8.ToArray());
                }
            }
        }
        finally
        {
            ServerHarness.Cleanup(server.server_address);
        }
    }

    private sealed class NoteThread(Action<Thread> onRequest) : BaseRequestHandler
    {
        public override void handle()
        {
            onRequest(Thread.CurrentThread);
            if (request is SocketObject conn)
            {
                conn.settimeout(5.0);
                conn.recv(100);
                conn.sendall("pong"u8);
            }
            else
            {
                var (_, sock) = ((byte[], SocketObject))request;
                sock.sendto("pong"u8.ToArray(), client_address);
            }
        }
    }

    [Fact]
    public void Serve_forever_calls_service_actions_about_once_per_poll_interval()
    {
        using var server = new ActionCounter();
        var watch = Stopwatch.StartNew();
        using (ServerHarness.Serve(server, pollInterval: 0.1))
        {
            server.Five.Wait(Bound).Should().BeTrue();
        }

        watch.Elapsed.TotalSeconds.Should().BeInRange(0.5 * 0.75, 0.5 * 3);
    }

    private sealed class ActionCounter() : TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler())
    {
        public CountdownEvent Five { get; } = new(5);

        public override void service_actions()
        {
            if (!Five.IsSet)
            {
                Five.Signal();
            }
        }
    }
}
