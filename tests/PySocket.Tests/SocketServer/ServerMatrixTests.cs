using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketServer;

/// <summary>
/// Every server class on loopback, as CPython's test_socketserver runs them: TCP, UDP, Unix stream and Unix
/// datagram, each synchronous and threading, with an echo handler (StreamRequestHandler or DatagramRequestHandler).
/// </summary>
public sealed class ServerMatrixTests
{
    public static TheoryData<ServerKind> ThreadingKinds => [.. Enum.GetValues<ServerKind>().Where(ServerHarness.IsThreading)];

    public static TheoryData<ServerKind> SynchronousKinds => [.. Enum.GetValues<ServerKind>().Where(k => !ServerHarness.IsThreading(k))];

    private sealed class StreamEcho : StreamRequestHandler
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

    private sealed class DatagramEcho : DatagramRequestHandler
    {
        public override void handle() => wfile.write(rfile.readline());
    }

    private static Func<BaseRequestHandler> Echo(ServerKind kind) =>
        ServerHarness.IsStream(kind) ? () => new StreamEcho() : () => new DatagramEcho();

    [Theory]
    [MemberData(nameof(ServerHarness.AllKinds), MemberType = typeof(ServerHarness))]
    public void Each_server_class_echoes_three_requests_served_by_serve_forever(ServerKind kind)
    {
        using var server = ServerHarness.Make(kind, Echo(kind));
        try
        {
            using (ServerHarness.Serve(server))
            {
                for (var i = 0; i < 3; i++)
                {
                    var payload = Encoding.ASCII.GetBytes($"hello {i}\n");
                    ServerHarness.RoundTrip(server, payload).Should().Equal(payload);
                }
            }

            server.fileno().Should().Be(-1, "server_close closes the socket");
        }
        finally
        {
            ServerHarness.Cleanup(server.server_address);
        }
    }

    [Theory]
    [MemberData(nameof(ServerHarness.AllKinds), MemberType = typeof(ServerHarness))]
    public void Server_address_is_the_bound_address_and_the_family_and_type_follow_the_class(ServerKind kind)
    {
        using var server = ServerHarness.Make(kind, () => new BaseRequestHandler());
        var sock = ServerHarness.SocketOf(server);
        try
        {
            server.server_address.Should().Be(sock.getsockname());
            sock.family.value.Should().Be(ServerHarness.IsUnix(kind) ? AF_UNIX : AF_INET);
            sock.type.value.Should().Be(ServerHarness.IsStream(kind) ? SOCK_STREAM : SOCK_DGRAM);
            server.mixin.Should().Match(m => (m != null) == ServerHarness.IsThreading(kind));
            if (!server.server_address.IsPath)
            {
                server.server_address.port.Should().BeGreaterThan(0);
            }

            var listening = sock.getsockopt(SOL_SOCKET, SO_ACCEPTCONN);
            listening.Should().Be(ServerHarness.IsStream(kind) ? 1 : 0);
        }
        finally
        {
            server.server_close();
            ServerHarness.Cleanup(server.server_address);
        }
    }

    [Theory]
    [MemberData(nameof(ThreadingKinds))]
    public void Threading_servers_run_two_requests_at_once(ServerKind kind)
    {
        using var barrier = new Barrier(2);
        using var server = ServerHarness.Make(kind, () => new BarrierHandler(barrier, TimeSpan.FromSeconds(5)));
        try
        {
            using (ServerHarness.Serve(server))
            {
                var replies = RunTwoClients(server);
                replies.Should().AllSatisfy(r => r.Should().Be("passed"));
            }
        }
        finally
        {
            ServerHarness.Cleanup(server.server_address);
        }
    }

    [Theory]
    [MemberData(nameof(SynchronousKinds))]
    public void Synchronous_servers_run_one_request_at_a_time_so_the_barrier_breaks(ServerKind kind)
    {
        using var barrier = new Barrier(2);
        using var server = ServerHarness.Make(kind, () => new BarrierHandler(barrier, TimeSpan.FromMilliseconds(300)));
        try
        {
            using (ServerHarness.Serve(server))
            {
                var replies = RunTwoClients(server);
                replies.Should().AllSatisfy(r => r.Should().Be("broken"));
            }
        }
        finally
        {
            ServerHarness.Cleanup(server.server_address);
        }
    }

    private static string[] RunTwoClients(BaseServer server)
    {
        var tasks = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(() => Encoding.ASCII.GetString(ServerHarness.RoundTrip(server, "go\n"u8.ToArray()))))
            .ToArray();
        ServerHarness.AllWithin(tasks, ServerHarness.Bound).Should().BeTrue();
        return tasks.Select(t => t.Value()).ToArray();
    }

    /// <summary>Waits at a barrier with the other request, then replies "passed" or "broken" (works for streams and datagrams).</summary>
    private sealed class BarrierHandler(Barrier barrier, TimeSpan wait) : BaseRequestHandler
    {
        public override void handle()
        {
            byte[] reply;
            if (request is SocketObject conn)
            {
                conn.settimeout(5.0);
                conn.recv(100);
                reply = Encoding.ASCII.GetBytes(barrier.SignalAndWait(wait) ? "passed" : "broken");
                conn.sendall(reply);
            }
            else
            {
                var (_, sock) = ((byte[], SocketObject))request;
                reply = Encoding.ASCII.GetBytes(barrier.SignalAndWait(wait) ? "passed" : "broken");
                sock.sendto(reply, client_address);
            }
        }
    }
}
