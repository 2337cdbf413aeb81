using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using NetAddressFamily = System.Net.Sockets.AddressFamily;
using NetProtocolType = System.Net.Sockets.ProtocolType;
using NetSocket = System.Net.Sockets.Socket;
using NetSocketType = System.Net.Sockets.SocketType;

namespace PySocket.Benchmarks;

/// <summary>
/// Line echo with 8 concurrent clients, each sending 200 lines one at a time and waiting for the echo.
/// Servers: PySocket's ThreadingTCPServer + StreamRequestHandler, a raw .NET thread-per-connection server,
/// and CPython's own ThreadingTCPServer (python3 on the same machine). The clients are the same raw .NET
/// sockets for all three, either waiting for each echo or pipelining their lines. Targets: PySocket at least 4x CPython and at least 0.8x the raw .NET server.
/// </summary>
[Config(typeof(BenchConfig))]
public class ServerBenchmarks
{
    private const int Clients = 8;
    private const int LinesPerClient = 200;
    private static readonly byte[] Line = "the quick brown fox jumps over!\n"u8.ToArray();

    private NetSocket[] _clients = [];
    private IDisposable? _server;
    private Process? _python;

    [Params("PySocket", "RawDotNet", "CPython")]
    public string Server { get; set; } = "PySocket";

    /// <summary>
    /// False: each client waits for every echo before sending the next line (round-trip bound).
    /// True: each client sends its 200 lines at once and then reads the 200 echoes (server-work bound).
    /// </summary>
    [Params(false, true)]
    public bool Pipelined { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var port = Server switch
        {
            "PySocket" => StartPySocket(),
            "RawDotNet" => StartRaw(),
            _ => StartCPython(),
        };
        _clients = new NetSocket[Clients];
        for (var i = 0; i < Clients; i++)
        {
            _clients[i] = new NetSocket(NetAddressFamily.InterNetwork, NetSocketType.Stream, NetProtocolType.Tcp) { NoDelay = true };
            _clients[i].Connect(new IPEndPoint(IPAddress.Loopback, port));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var c in _clients)
        {
            c.Dispose();
        }

        _server?.Dispose();
        if (_python is { HasExited: false })
        {
            _python.Kill(entireProcessTree: true);
        }

        _python?.Dispose();
    }

    /// <summary>One operation: 8 clients x 200 echoed lines = 1600 round trips.</summary>
    [Benchmark(OperationsPerInvoke = Clients * LinesPerClient)]
    public void LineEcho() => Parallel.For(0, Clients, new ParallelOptions { MaxDegreeOfParallelism = Clients }, i =>
    {
        var s = _clients[i];
        if (Pipelined)
        {
            var batch = new byte[Line.Length * LinesPerClient];
            for (var n = 0; n < LinesPerClient; n++)
            {
                Line.CopyTo(batch, n * Line.Length);
            }

            s.Send(batch);
            var received = 0;
            while (received < batch.Length)
            {
                received += s.Receive(batch.AsSpan(received));
            }

            return;
        }

        var reply = new byte[Line.Length];
        for (var n = 0; n < LinesPerClient; n++)
        {
            s.Send(Line);
            var got = 0;
            while (got < reply.Length)
            {
                got += s.Receive(reply.AsSpan(got));
            }
        }
    });

    private int StartPySocket()
    {
        var srv = new ThreadingTCPServer(("127.0.0.1", 0), () => new EchoHandler());
        srv.daemon_threads = true;
        new Thread(() => srv.serve_forever(0.05)) { IsBackground = true }.Start();
        _server = new Disposer(() =>
        {
            srv.shutdown();
            srv.server_close();
        });
        return srv.server_address.port;
    }

    private int StartRaw()
    {
        var listener = new NetSocket(NetAddressFamily.InterNetwork, NetSocketType.Stream, NetProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(128);
        Loopback.Background(() =>
        {
            while (true)
            {
                var conn = listener.Accept();
                conn.NoDelay = true;
                Loopback.Background(() => RawEcho(conn));
            }
        });
        _server = listener;
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    // A thread-per-connection line echo written the ordinary .NET way: buffered stream, line at a time.
    private static void RawEcho(NetSocket conn)
    {
        using var stream = new System.Net.Sockets.NetworkStream(conn, ownsSocket: true);
        using var reader = new BufferedStream(stream, 8192);
        var line = new MemoryStream();
        while (true)
        {
            var b = reader.ReadByte();
            if (b < 0)
            {
                return;
            }

            line.WriteByte((byte)b);
            if (b == '\n')
            {
                stream.Write(line.GetBuffer(), 0, (int)line.Length);
                line.SetLength(0);
            }
        }
    }

    private int StartCPython()
    {
        const string script = """
import socketserver, sys
class Echo(socketserver.StreamRequestHandler):
    disable_nagle_algorithm = True
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line)
class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
with Server(("127.0.0.1", 0), Echo) as srv:
    print(srv.server_address[1], flush=True)
    srv.serve_forever()
""";
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        _python = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
        return int.Parse(_python.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
    }

    // All three servers set TCP_NODELAY on their connections, as a line-echo server should.
    private sealed class EchoHandler : StreamRequestHandler
    {
        public EchoHandler() => disable_nagle_algorithm = true;

        public override void handle()
        {
            byte[] line;
            while ((line = rfile.readline()).Length > 0)
            {
                wfile.write(line);
            }
        }
    }

    private sealed class Disposer(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
