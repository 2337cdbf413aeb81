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

        // Python: def handle_timeout(self): ... (returns None): a void override.
        public override void handle_timeout() => Timeouts++;
    }

    [Theory]
    [InlineData(0.2, null)]
    [InlineData(null, 0.2)]
    [InlineData(5.0, 0.2)]
    [InlineData(0.2, 5.0)]
    public void Handle_request_waits_the_smaller_timeout_then_calls_handle_timeout_exactly(double? serverTimeout, double? socketTimeout)
    {
        // The clock and the poll are replaced: the poll reports "not readable" and advances the clock by what it was
        // asked to wait (a zero-length poll takes one tick, as a real one takes some time). Python's loop: select(0.2),
        // timeout = deadline - time() = 0.0 (not < 0), select(0.0), timeout < 0 → handle_timeout().
        using var server = new TimeoutServer { timeout = serverTimeout };
        server.socket.settimeout(socketTimeout);
        var clock = new ManualClock();
        var waits = new List<double?>();
        server.Clock = clock;
        server.WaitHook = (_, seconds) =>
        {
            waits.Add(seconds);
            clock.Advance(seconds!.Value);
            return false;
        };
        server.handle_request();
        server.Timeouts.Should().Be(1);
        waits.Should().Equal(0.2, 0.0);
        clock.Elapsed.Should().Be(TimeSpan.FromSeconds(0.2) + TimeSpan.FromTicks(1));
    }

    [Fact]
    public void Handle_request_really_waits_its_timeout()
    {
        using var server = new TimeoutServer { timeout = 0.2 };
        // Timed on the calling thread itself, so thread-pool start-up latency under load is not counted.
        var result = Task.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            server.handle_request();
            return watch.Elapsed.TotalSeconds;
        });
        result.Within(Bound).Should().BeTrue();
        result.Value().Should().BeInRange(0.2 * 0.75, 0.2 * 3);
        server.Timeouts.Should().Be(1);
    }

    [PythonFact]
    public void Handle_request_calls_handle_timeout_once_as_python_does()
    {
        var output = Python.Run("""
import socketserver
calls = []
class S(socketserver.TCPServer):
    timeout = 0.05
    def handle_timeout(self):
        calls.append(1)
with S(('127.0.0.1', 0), socketserver.BaseRequestHandler) as s:
    print(s.handle_request(), len(calls))
""", Bound);
        using var server = new TimeoutServer { timeout = 0.05 };
        server.handle_request();
        output.Trim().Should().Be($"None {server.Timeouts}");
    }

    /// <summary>A clock that moves only when told (TimeProvider's test double, without the extra package).</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public TimeSpan Elapsed => TimeSpan.FromTicks(_ticks);

        public override long GetTimestamp() => _ticks;

        public void Advance(double seconds) => _ticks += Math.Max(1, (long)Math.Round(seconds * TimeSpan.TicksPerSecond));
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
    public void Serve_forever_waits_poll_interval_then_calls_service_actions_each_time()
    {
        using var server = new ActionCounter();
        var clock = new ManualClock();
        var waits = new List<double?>();
        server.WaitHook = (_, seconds) =>
        {
            waits.Add(seconds);
            clock.Advance(seconds!.Value);
            return false;
        };

        // On this thread: the fifth service_actions calls shutdown(), which returns at once on the serving thread.
        server.serve_forever(0.1);
        server.Five.IsSet.Should().BeTrue();
        waits.Should().Equal(0.1, 0.1, 0.1, 0.1, 0.1);
        clock.Elapsed.Should().Be(TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public void Serve_forever_calls_service_actions_about_once_per_real_poll_interval()
    {
        using var server = new ActionCounter();
        // Timed on the serving thread itself; the task bounds a hang.
        var run = Task.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            server.serve_forever(0.1);
            return watch.Elapsed.TotalSeconds;
        });
        run.Within(Bound).Should().BeTrue();
        run.Value().Should().BeInRange(0.5 * 0.75, 0.5 * 3);
    }

    private sealed class ActionCounter() : TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler())
    {
        public CountdownEvent Five { get; } = new(5);

        public override void service_actions()
        {
            if (!Five.IsSet && Five.Signal())
            {
                shutdown();
            }
        }
    }
}
