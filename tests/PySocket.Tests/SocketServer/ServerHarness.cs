using System;
using System.IO;
using System.Threading;
using FluentAssertions;
using static PySocket.Socket;

namespace PySocket.Tests.SocketServer;

/// <summary>The eight socketserver classes CPython's test_socketserver runs, by name.</summary>
public enum ServerKind
{
    TCPServer,
    ThreadingTCPServer,
    UDPServer,
    ThreadingUDPServer,
    UnixStreamServer,
    ThreadingUnixStreamServer,
    UnixDatagramServer,
    ThreadingUnixDatagramServer,
}

/// <summary>Helpers shared by the socketserver tests: making servers, running serve_forever, clients with timeouts.</summary>
public static class ServerHarness
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static Xunit.TheoryData<ServerKind> AllKinds => [.. Enum.GetValues<ServerKind>()];

    /// <summary>Task.Wait with a bound, outside test methods (xUnit1031): true when the task finished in time.</summary>
    public static bool Within(this System.Threading.Tasks.Task task, TimeSpan bound) => task.Wait(bound);

    /// <summary>Task.WaitAll with a bound.</summary>
    public static bool AllWithin(System.Threading.Tasks.Task[] tasks, TimeSpan bound) => System.Threading.Tasks.Task.WaitAll(tasks, bound);

    /// <summary>
    /// Waits (bounded) until <paramref name="thread"/> is blocked in a managed wait (Monitor.Wait, Join, an event) or
    /// has ended; true when it is blocked and alive. An exact replacement for "did not finish within 200 ms": a
    /// correct implementation is blocked there, so asserting it is not done cannot fail spuriously.
    /// </summary>
    public static bool BlockedOrDone(Thread thread)
    {
        return SpinWait.SpinUntil(() => !thread.IsAlive || (thread.ThreadState & ThreadState.WaitSleepJoin) != 0, Bound) && thread.IsAlive;
    }

    /// <summary>Starts <paramref name="action"/> on a new background thread.</summary>
    public static Thread Start(Action action)
    {
        var t = new Thread(() => action()) { IsBackground = true };
        t.Start();
        return t;
    }

    /// <summary>The result of a finished task.</summary>
    public static T Value<T>(this System.Threading.Tasks.Task<T> task) => task.Result;

    public static bool IsStream(ServerKind kind) => kind is ServerKind.TCPServer or ServerKind.ThreadingTCPServer
        or ServerKind.UnixStreamServer or ServerKind.ThreadingUnixStreamServer;

    public static bool IsUnix(ServerKind kind) => kind.ToString().Contains("Unix", StringComparison.Ordinal);

    public static bool IsThreading(ServerKind kind) => kind.ToString().StartsWith("Threading", StringComparison.Ordinal);

    /// <summary>A fresh AF_UNIX path in a private temp directory (deleted by <see cref="Cleanup"/>).</summary>
    public static string UnixPath()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pysocket-ss-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, "sock");
    }

    public static void Cleanup(SockAddr address)
    {
        if (address.IsPath && address.path!.Length > 0 && address.path[0] != '\0')
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(address.path)!, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public static BaseServer Make(ServerKind kind, Func<BaseRequestHandler> handler)
    {
        SockAddr tcp = ("127.0.0.1", 0);
        return kind switch
        {
            ServerKind.TCPServer => new TCPServer(tcp, handler),
            ServerKind.ThreadingTCPServer => new ThreadingTCPServer(tcp, handler),
            ServerKind.UDPServer => new UDPServer(tcp, handler),
            ServerKind.ThreadingUDPServer => new ThreadingUDPServer(tcp, handler),
            ServerKind.UnixStreamServer => new UnixStreamServer(UnixPath(), handler),
            ServerKind.ThreadingUnixStreamServer => new ThreadingUnixStreamServer(UnixPath(), handler),
            ServerKind.UnixDatagramServer => new UnixDatagramServer(UnixPath(), handler),
            ServerKind.ThreadingUnixDatagramServer => new ThreadingUnixDatagramServer(UnixPath(), handler),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Starts serve_forever(0.05) on a new thread; dispose the result to shut down, close and join.</summary>
    public static Running Serve(BaseServer server, double pollInterval = 0.05) => new(server, pollInterval);

    /// <summary>The socket of a stream or datagram server (TCPServer and UDPServer share TCPServer&lt;TRequest&gt;, not a non-generic type).</summary>
    public static SocketObject SocketOf(BaseServer server) => server switch
    {
        TCPServer<SocketObject> stream => stream.socket,
        TCPServer<(byte[] data, SocketObject socket)> datagram => datagram.socket,
        _ => throw new ArgumentException("not a socket server", nameof(server)),
    };

    /// <summary>A client socket for the server's family and type, with a 5 s timeout; datagram Unix clients bind a path of their own.</summary>
    public static SocketObject Client(BaseServer server)
    {
        var sock = SocketOf(server);
        var s = socket(sock.family, sock.type);
        s.settimeout(5.0);
        if (sock.family == AF_UNIX && sock.type == SOCK_DGRAM)
        {
            s.bind(server.server_address.path + ".client-" + Guid.NewGuid().ToString("N")[..8]);
        }

        return s;
    }

    /// <summary>Sends <paramref name="payload"/> to the server and returns its reply (a line for streams, a datagram for datagrams).</summary>
    public static byte[] RoundTrip(BaseServer server, byte[] payload)
    {
        using var c = Client(server);
        if (SocketOf(server).type == SOCK_STREAM)
        {
            c.connect(server.server_address);
            c.sendall(payload);
            c.shutdown(SHUT_WR);
            using var ms = new MemoryStream();
            byte[] chunk;
            while ((chunk = c.recv(4096)).Length > 0)
            {
                ms.Write(chunk);
            }

            return ms.ToArray();
        }

        c.sendto(payload, server.server_address);
        var (data, _) = c.recvfrom(8192);
        if (c.family == AF_UNIX)
        {
            File.Delete(c.getsockname().path!);
        }

        return data;
    }

    /// <summary>serve_forever on a background thread.</summary>
    public sealed class Running : IDisposable
    {
        private readonly BaseServer _server;
        private Exception? _error;

        public Running(BaseServer server, double pollInterval)
        {
            _server = server;
            Thread = new Thread(() =>
            {
                try
                {
                    server.serve_forever(pollInterval);
                }
                catch (Exception e)
                {
                    _error = e;
                }
            })
            { IsBackground = true, Name = "serve_forever" };
            Thread.Start();
        }

        public Thread Thread { get; }

        public void Dispose()
        {
            // shutdown() waits for serve_forever to stop; a regression must fail here, not hang the run.
            System.Threading.Tasks.Task.Run(_server.shutdown).Within(Bound).Should().BeTrue("shutdown() must return once serve_forever stops");
            Thread.Join(Bound).Should().BeTrue("serve_forever must stop after shutdown()");
            _server.server_close();
            _error.Should().BeNull();
        }
    }
}
