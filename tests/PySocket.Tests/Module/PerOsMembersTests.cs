using System;
using System.Linq;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Versioning;
using FluentAssertions;
using Xunit;

namespace PySocket.Tests.Module;

/// <summary>
/// The members CPython has only on some OSes carry the platform attributes (so CA1416 tells a user at build time),
/// every other public member carries none (a port builds with zero CA1416 warnings), and the OS rules the library
/// writes out (Windows socketpair, the platform layers' error numbers) hold.
/// </summary>
public sealed class PerOsMembersTests
{
    [Fact]
    public void Members_cpython_lacks_on_windows_are_marked_unsupported_there()
    {
        var socket = typeof(Socket);
        var obj = typeof(SocketObject);
        // Every public overload of each member (sendmsg and recvmsg_into have several).
        var members = new[] { (socket, nameof(Socket.send_fds)), (socket, nameof(Socket.recv_fds)), (socket, nameof(Socket.CMSG_LEN)), (socket, nameof(Socket.CMSG_SPACE)), (socket, nameof(Socket.sethostname)), (obj, nameof(SocketObject.sendmsg)), (obj, nameof(SocketObject.recvmsg)), (obj, nameof(SocketObject.recvmsg_into)) };
        var methods = members.SelectMany(p => p.Item1.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(m => m.Name == p.Item2)).ToList();
        methods.Should().HaveCountGreaterThanOrEqualTo(members.Length);
        foreach (var m in methods)
        {
            m.GetCustomAttributes<UnsupportedOSPlatformAttribute>().Select(a => a.PlatformName).Should().Equal(["windows"], m.Name);
        }

        foreach (var t in new[] { typeof(UnixStreamServer), typeof(UnixDatagramServer), typeof(ThreadingUnixStreamServer), typeof(ThreadingUnixDatagramServer) })
        {
            t.GetCustomAttributes<UnsupportedOSPlatformAttribute>().Select(a => a.PlatformName).Should().Equal(["windows"], t.Name);
        }
    }

    [Fact]
    public void No_other_public_member_and_not_the_assembly_carries_an_os_attribute()
    {
        var assembly = typeof(Socket).Assembly;
        assembly.GetCustomAttributes<SupportedOSPlatformAttribute>().Should().BeEmpty();
        assembly.GetCustomAttributes<UnsupportedOSPlatformAttribute>().Should().BeEmpty();

        string[] perOs = ["send_fds", "recv_fds", "CMSG_LEN", "CMSG_SPACE", "sethostname", "sendmsg", "recvmsg", "recvmsg_into", "share", "fromshare"];
        var constants = ConstantTable.Rows.Select(r => r.Name).ToHashSet();
        foreach (var type in assembly.GetExportedTypes())
        {
            var typeMarked = type.GetCustomAttributes<OSPlatformAttribute>().Any();
            if (typeMarked)
            {
                type.Name.Should().BeOneOf("UnixStreamServer", "UnixDatagramServer", "ThreadingUnixStreamServer", "ThreadingUnixDatagramServer");
                continue;
            }

            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (!member.GetCustomAttributes<OSPlatformAttribute>().Any())
                {
                    continue;
                }

                // Generated constants (Socket.AF_PACKET, AddressFamily.AF_PACKET, ...) are checked against the tables elsewhere.
                (constants.Contains(member.Name) || perOs.Contains(member.Name)).Should().BeTrue($"{type.Name}.{member.Name} carries an OS attribute");
            }
        }
    }

    [Fact]
    public void Share_and_fromshare_are_windows_only_and_raise_attribute_error_elsewhere()
    {
        typeof(SocketObject).GetMethod(nameof(SocketObject.share))!.GetCustomAttributes<SupportedOSPlatformAttribute>().Select(a => a.PlatformName).Should().Equal("windows");
        typeof(Socket).GetMethod(nameof(Socket.fromshare))!.GetCustomAttributes<SupportedOSPlatformAttribute>().Select(a => a.PlatformName).Should().Equal("windows");
        if (OsTables.Current == OsKind.Windows)
        {
            return;
        }

        using var s = Socket.socket();
#pragma warning disable CA1416 // the point: what a call on another OS does
        var share = () => s.share(1);
        var fromshare = () => Socket.fromshare(new byte[SocketPal.ShareInfoSize]);
#pragma warning restore CA1416
        share.Should().Throw<AttributeError>().WithMessage($"'socket' object has no attribute 'share' (CPython has none on {OsTables.Name(OsTables.Current)})");
        fromshare.Should().Throw<AttributeError>().WithMessage($"module 'socket' has no attribute 'fromshare' (CPython has none on {OsTables.Name(OsTables.Current)})");
    }

    [Theory]
    [InlineData(1, 1, 0, "Only AF_INET and AF_INET6 socket address families are supported")]
    [InlineData(2, 2, 0, "Only SOCK_STREAM socket type is supported")]
    [InlineData(2, 1, 6, "Only protocol zero is supported")]
    public void Windows_socketpair_checks_as_cpythons_fallback(int family, int type, int proto, string message)
    {
        var check = () => Socket.CheckFallbackPair(family, type, proto);
        check.Should().Throw<ValueError>().WithMessage(message);
        var ok = () => Socket.CheckFallbackPair(Socket.AF_INET6, Socket.SOCK_STREAM, 0);
        ok.Should().NotThrow();
    }

    [Fact]
    public void Socketpair_defaults_to_af_unix_where_the_os_has_it()
    {
        Socket.DefaultPairFamily.Should().Be(OsTables.Current == OsKind.Windows ? Socket.AF_INET : 1);
        var (a, b) = Socket.socketpair();
        using (a)
        using (b)
        {
            a.family.value.Should().Be(Socket.DefaultPairFamily);
            b.sendall([7]);
            a.recv(1).Should().Equal(7);
        }
    }

    [Fact]
    public void The_platform_error_numbers_are_the_tables_values_and_dotnets_on_this_os()
    {
        PlatformErrno.EBADF.Should().Be(Errno.EBADF);
        PlatformErrno.EAGAIN.Should().Be(Errno.EAGAIN);
        PlatformErrno.EINPROGRESS.Should().Be(Errno.EINPROGRESS);
        PlatformErrno.EINVAL.Should().Be(Errno.EINVAL);
        foreach (var (value, error) in new[]
        {
            (PlatformErrno.EAGAIN, SocketError.WouldBlock), (PlatformErrno.EINPROGRESS, SocketError.InProgress),
            (PlatformErrno.EALREADY, SocketError.AlreadyInProgress), (PlatformErrno.EISCONN, SocketError.IsConnected),
            (PlatformErrno.ENOTCONN, SocketError.NotConnected), (PlatformErrno.ECONNRESET, SocketError.ConnectionReset),
            (PlatformErrno.ENOTSOCK, SocketError.NotSocket), (PlatformErrno.EINVAL, SocketError.InvalidArgument),
            (PlatformErrno.EFAULT, SocketError.Fault), (PlatformErrno.EOPNOTSUPP, SocketError.OperationNotSupported),
            (PlatformErrno.EAFNOSUPPORT, SocketError.AddressFamilyNotSupported), (PlatformErrno.EINTR, SocketError.Interrupted),
        })
        {
            value.Should().Be(PlatformErrno.OfSocketError(error), error.ToString());
        }

        SocketPal.Current.Errors.Should().Be(PlatformErrno.Codes);
    }

    [Fact]
    public void Create_server_with_reuse_port_sets_it_where_the_os_has_it()
    {
        using var s = Socket.create_server(("127.0.0.1", 0), reuse_port: true);
        s.getsockopt(Socket.SOL_SOCKET, Socket.SO_REUSEPORT).Should().Be(1);
    }
}
