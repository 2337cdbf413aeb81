using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NetSocket = System.Net.Sockets.Socket;

namespace PySocket.Benchmarks;

/// <summary>
/// The 10,000-connection line echo (issue 10), run by tools/bench_async_echo.sh as separate processes:
/// <c>async-echo-server pysocket|raw</c> prints its port and serves until stdin closes;
/// <c>async-echo-client port connections rounds serverPid</c> connects every client, then every client does
/// <c>rounds</c> line echoes concurrently, and prints the echo rate with the server's threads and peak RSS.
/// Loopback only; everything is bounded (the client gives up after 300 s).
/// </summary>
public static class AsyncEcho
{
    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "async-echo-server":
                return Server(args[1]);
            case "async-echo-client":
                return Client(int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4])).GetAwaiter().GetResult();
            default:
                return 2;
        }
    }

    private static int Server(string kind)
    {
        ThreadPool.SetMinThreads(Environment.ProcessorCount, Environment.ProcessorCount);
        if (kind == "pysocket")
        {
            using var server = new EchoServer();
            Console.WriteLine(server.server_address.port);
            var serving = new Thread(() => server.serve_forever(0.5)) { IsBackground = true };
            serving.Start();
            _ = Console.In.ReadToEnd();
            server.shutdown();
            return 0;
        }

        using var listener = new NetSocket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4096);
        Console.WriteLine(((IPEndPoint)listener.LocalEndPoint!).Port);
        _ = Task.Run(async () =>
        {
            while (true)
            {
                var s = await listener.AcceptAsync();
                _ = RawEcho(s);
            }
        });
        _ = Console.In.ReadToEnd();
        return 0;
    }

    // The raw .NET twin of the async handler: ReceiveAsync into a buffer, SendAsync each complete line back.
    private static async Task RawEcho(NetSocket s)
    {
        var buffer = new byte[8192];
        var held = 0;
        try
        {
            while (true)
            {
                var n = await s.ReceiveAsync(buffer.AsMemory(held), SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                held += n;
                var start = 0;
                int nl;
                while ((nl = Array.IndexOf(buffer, (byte)'\n', start, held - start)) >= 0)
                {
                    var line = buffer.AsMemory(start, nl + 1 - start);
                    while (line.Length > 0)
                    {
                        line = line[await s.SendAsync(line, SocketFlags.None)..];
                    }

                    start = nl + 1;
                }

                buffer.AsSpan(start, held - start).CopyTo(buffer);
                held -= start;
            }
        }
        catch (SocketException)
        {
        }
        finally
        {
            s.Dispose();
        }
    }

    private static async Task<int> Client(int port, int connections, int rounds, int serverPid)
    {
        ThreadPool.SetMinThreads(Environment.ProcessorCount, Environment.ProcessorCount);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var endPoint = new IPEndPoint(IPAddress.Loopback, port);
        var sockets = new NetSocket[connections];
        var connectWatch = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(64))
        {
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
            {
                await gate.WaitAsync(giveUp.Token);
                try
                {
                    var s = new NetSocket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await s.ConnectAsync(endPoint, giveUp.Token);
                    sockets[i] = s;
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        var watch = Stopwatch.StartNew();
        long done = 0;
        var echoing = Task.WhenAll(sockets.Select(async (s, i) =>
        {
            var line = Encoding.ASCII.GetBytes($"line from client {i:D5} ..............................\n");
            var reply = new byte[line.Length];
            for (var r = 0; r < rounds; r++)
            {
                await s.SendAsync(line, SocketFlags.None, giveUp.Token);
                var got = 0;
                while (got < reply.Length)
                {
                    var n = await s.ReceiveAsync(reply.AsMemory(got), SocketFlags.None, giveUp.Token);
                    if (n == 0)
                    {
                        throw new IOException("server closed the connection");
                    }

                    got += n;
                }

                if (!reply.AsSpan().SequenceEqual(line))
                {
                    throw new IOException("wrong echo");
                }

                Interlocked.Increment(ref done);
            }
        }));
        var finished = true;
        try
        {
            await echoing;
        }
        catch (OperationCanceledException)
        {
            // A server too slow for the bound (CPython's thread per connection): report the echoes it did.
            finished = false;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var echoes = Interlocked.Read(ref done);
        var (threads, hwmKb) = ServerStatus(serverPid);
        foreach (var s in sockets)
        {
            s.Dispose();
        }

        Console.WriteLine($"connections={connections} rounds={rounds} echoes={echoes}{(finished ? "" : $" (of {connections * (long)rounds}: gave up at the bound)")} " +
                          $"connect_s={connectSeconds:F2} echo_s={seconds:F2} echoes_per_s={echoes / seconds:F0} server_threads={threads} server_peak_rss_mb={hwmKb / 1024.0:F0}");
        return 0;
    }

    private static (int Threads, long HwmKb) ServerStatus(int pid)
    {
        var threads = 0;
        long hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line["Threads:".Length..].Trim());
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
            }
        }

        return (threads, hwm);
    }

    private sealed class LineEcho : AsyncStreamRequestHandler
    {
        public override async Task handle_async()
        {
            while (true)
            {
                var line = await rfile.readline_async();
                if (line.Length == 0)
                {
                    return;
                }

                await wfile.write_async(line);
            }
        }
    }

    private sealed class EchoServer() : ThreadingTCPServer(("127.0.0.1", 0), () => new LineEcho())
    {
        public override int request_queue_size => 4096;

        public override bool daemon_threads => true;
    }
}
