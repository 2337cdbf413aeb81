using System;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class HotPathAllocationTests
{
    private static long AllocatedBy(Action action)
    {
        action(); // warm up (JIT, lazy statics)
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5.0)]
    public void Send_sendall_and_recv_into_on_spans_allocate_nothing(double? timeout)
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(timeout);
            b.settimeout(timeout);
            Span<byte> outgoing = stackalloc byte[512];
            outgoing.Fill(7);
            var incoming = new byte[1024];
            var allocated = AllocatedBy(() =>
            {
                ReadOnlySpan<byte> data = incoming.AsSpan(0, 512);
                for (var i = 0; i < 200; i++)
                {
                    a.send(data);
                    a.sendall(data);
                    var got = 0;
                    while (got < 1024)
                    {
                        got += b.recv_into(incoming.AsSpan(got));
                    }
                }
            });
            allocated.Should().Be(0);
        }
    }

    [Fact]
    public void Udp_sendto_and_recvfrom_into_allocate_only_the_returned_address()
    {
        using var a = Loopback.Udp();
        using var b = Loopback.Udp();
        var to = b.getsockname();
        var buf = new byte[64];
        const int rounds = 100;
        var allocated = AllocatedBy(() =>
        {
            for (var i = 0; i < rounds; i++)
            {
                a.sendto(buf.AsSpan(0, 16), to);
                b.recvfrom_into(buf.AsSpan());
            }
        });
        allocated.Should().BeLessThan(rounds * 200, "only the sender's SockAddr and its host string are allocated per datagram");
    }
}
