using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Async;

/// <summary>
/// An async handler served by the ordinary server classes, without a thread per connection. Not parallel: 500 held
/// connections are 1,000 descriptors, which would push other tests' sockets past select()'s FD_SETSIZE (CPython then
/// raises ValueError too), and the thread count is process-wide.
/// </summary>
[Collection(PySocket.Tests.SocketServer.SocketServerIsolatedCollection.Name)]
public sealed class AsyncServerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

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

    private sealed class Failing : AsyncStreamRequestHandler
    {
        public override async Task handle_async()
        {
            _ = await rfile.readline_async();
            throw new InvalidOperationException("handler failed");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Five_hundred_connections_echo_lines_concurrently(bool threading)
    {
        using BaseServer<SocketObject> server = threading
            ? new ThreadingTCPServer(("127.0.0.1", 0), () => new LineEcho())
            : new TCPServer(("127.0.0.1", 0), () => new LineEcho());
        var serving = new Thread(() => server.serve_forever(0.05)) { IsBackground = true };
        serving.Start();
        var address = ((TCPServer)server).server_address;
        var threadsBefore = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;

        const int connections = 500;
        var clients = new SocketObject[connections];
        try
        {
            for (var i = 0; i < connections; i++)
            {
                clients[i] = await create_connection_async(address, 10.0).AsTask().WaitAsync(Bound);
            }

            async Task Talk(SocketObject c, int id)
            {
                using var f = (SocketFile)c.makefile("rb");
                for (var round = 0; round < 3; round++)
                {
                    var line = Encoding.ASCII.GetBytes($"client {id} round {round}\n");
                    await c.sendall_async(line);
                    (await f.readline_async()).Should().Equal(line);
                }
            }

            await Task.WhenAll(clients.Select((c, i) => Talk(c, i))).WaitAsync(Bound);
            var threadsDuring = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
            (threadsDuring - threadsBefore).Should().BeLessThan(100, "500 held connections do not get a thread each");
        }
        finally
        {
            foreach (var c in clients)
            {
                c?.close();
            }

            server.shutdown();
            serving.Join(Bound).Should().BeTrue();
            server.server_close();
        }
    }

    [Fact]
    public async Task A_failing_async_handler_goes_to_handle_error_and_the_connection_is_closed()
    {
        var errors = 0;
        using var server = new ErrorCountingServer(() => Interlocked.Increment(ref errors));
        var serving = new Thread(() => server.serve_forever(0.05)) { IsBackground = true };
        serving.Start();
        try
        {
            using var c = await create_connection_async(server.server_address, 10.0).AsTask().WaitAsync(Bound);
            await c.sendall_async("x\n"u8.ToArray());
            (await c.recv_async(10).AsTask().WaitAsync(Bound)).Should().BeEmpty("shutdown_request closed the connection");
            SpinWait.SpinUntil(() => Volatile.Read(ref errors) == 1, Bound).Should().BeTrue();
        }
        finally
        {
            server.shutdown();
            serving.Join(Bound).Should().BeTrue();
        }
    }

    [Fact]
    public void A_synchronous_run_of_an_async_handler_works_through_handle()
    {
        var (a, b) = socketpair();
        using (b)
        {
            b.sendall("sync\n"u8.ToArray());
            b.shutdown(SHUT_WR);
            using var server = new TCPServer(("127.0.0.1", 0), () => new LineEcho());
            var handler = new LineEcho();
            handler.__init__(a, null, server);
            b.settimeout(10);
            b.recv(100).Should().Equal("sync\n"u8.ToArray());
            a.close();
        }
    }

    private sealed class ErrorCountingServer(Action onError) : TCPServer(("127.0.0.1", 0), () => new Failing())
    {
        public override void handle_error(SocketObject request, SockAddr? client_address) => onError();
    }
}
