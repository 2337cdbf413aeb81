using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class SocketLifecycleTests
{
    [Fact]
    public void A_new_socket_has_python_defaults_and_an_unbound_address()
    {
        using var s = socket();
        s.family.Should().Be(AddressFamily.AF_INET);
        (s.family == AF_INET).Should().BeTrue();
        ((int)s.type).Should().Be(SOCK_STREAM);
        s.proto.Should().Be(0);
        s.fileno().Should().BeGreaterThan(2);
        s.getsockname().Should().Be(SockAddr.Inet("0.0.0.0", 0));
        s.ToString().Should().Be($"<socket.socket fd={s.fileno()}, family=2, type=1, proto=0, laddr=('0.0.0.0', 0)>");
    }

    [Fact]
    public void Close_is_idempotent_and_leaves_fileno_minus_one()
    {
        var s = socket(AF_INET6, SOCK_DGRAM);
        s.close();
        s.close();
        s.fileno().Should().Be(-1);
        s.ToString().Should().Be("<socket.socket [closed] fd=-1, family=10, type=2, proto=0>");
        var act = () => s.getsockname();
        act.Should().Throw<OSError>().Which.Message.Should().Be("[Errno 9] Bad file descriptor");
    }

    [Fact]
    public void Sock_nonblock_in_the_type_means_timeout_zero_and_is_masked_from_type()
    {
        using var s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK);
        s.gettimeout().Should().Be(0.0);
        s.getblocking().Should().BeFalse();
        s.type.Should().Be(SocketKind.SOCK_STREAM);
    }
}
