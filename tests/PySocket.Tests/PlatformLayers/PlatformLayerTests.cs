using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;

namespace PySocket.Tests.PlatformLayers;

public sealed class PlatformLayerTests
{
    private static (int ExitCode, string Output) Probe(string? value)
    {
        var dll = typeof(PlatformLayerTests).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--layer-probe");
        if (value is null)
        {
            psi.Environment.Remove(SocketPal.EnvironmentVariable);
        }
        else
        {
            psi.Environment[SocketPal.EnvironmentVariable] = value;
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("the layer probe did not exit within 60 s");
        }

        return (p.ExitCode, output.Result.Trim());
    }

    [Fact]
    public void Layer_is_the_one_the_environment_chose()
    {
        var value = Environment.GetEnvironmentVariable(SocketPal.EnvironmentVariable);
        var expected = string.IsNullOrEmpty(value) ? (OperatingSystem.IsLinux() ? "native" : "portable") : value;
        global::PySocket.Platform.Layer.Should().Be(expected);
        SocketPal.Current.Name.Should().Be(expected);
    }

    [Theory]
    [InlineData("native", "native")]
    [InlineData("portable", "portable")]
    [InlineData(null, "native")]
    public void A_fresh_process_reports_the_layer_it_was_given(string? value, string expected)
    {
        if (!OperatingSystem.IsLinux())
        {
            expected = value ?? "portable";
        }

        var (code, output) = Probe(value);
        output.Should().Be(expected);
        code.Should().Be(0);
    }

    [Fact]
    public void A_bad_value_is_a_clear_start_up_error()
    {
        var (code, output) = Probe("Portable ");
        code.Should().Be(3);
        output.Should().StartWith("System.InvalidOperationException: ")
            .And.Contain("PYSOCKET_PLATFORM").And.Contain("\"native\"").And.Contain("\"portable\"").And.Contain("\"Portable \"");
    }
}

/// <summary>The portable layer's own pieces, tested whatever layer the run uses.</summary>
public sealed unsafe class PortableLayerTests
{
    [Fact]
    public void The_errno_table_agrees_with_dotnets_own_mapping_on_this_os()
    {
        foreach (var (error, errno) in PortableErrno.Rows())
        {
            // .NET's reverse mapping gives ECANCELED for OperationAborted (PySocket means a closed socket: EBADF),
            // ENFILE for TooManyOpenSockets (a socket call hits the per-process EMFILE first), and nothing real for
            // HostNotFound/SocketError.
            if (error is SocketError.OperationAborted or SocketError.TooManyOpenSockets or SocketError.HostNotFound or SocketError.SocketError)
            {
                continue;
            }

            var expected = OperatingSystem.IsWindows() ? (int)error : new SocketException((int)error).NativeErrorCode;
            errno.Should().Be(expected, $"{error}");
        }

        PortableErrno.FromSocketError(SocketError.OperationAborted).Should().Be(OperatingSystem.IsWindows() ? 995 : 9);
    }

    [Fact]
    public void Message_flags_translate_to_dotnets_and_unknown_ones_are_refused()
    {
        PortableConstants.TryToNetFlags(Socket.MSG_PEEK | Socket.MSG_OOB, out var net, out var dontWait, out var waitAll).Should().BeTrue();
        net.Should().Be(SocketFlags.Peek | SocketFlags.OutOfBand);
        (dontWait, waitAll).Should().Be((false, false));
        PortableConstants.TryToNetFlags(Socket.MSG_TRUNC | Socket.MSG_WAITALL | Socket.MSG_DONTWAIT | Socket.MSG_NOSIGNAL, out net, out dontWait, out waitAll).Should().BeTrue();
        net.Should().Be(SocketFlags.Truncated);
        (dontWait, waitAll).Should().Be((true, true));
        PortableConstants.TryToNetFlags(Socket.MSG_EOR, out _, out _, out _).Should().BeFalse();
        PortableConstants.AfInet6.Should().Be(Socket.AF_INET6);
    }

    [Fact]
    public void The_loopback_socketpair_emulation_connects_two_sockets_to_each_other()
    {
        var pal = new PortableSocketPal();
        pal.EmulatedSocketPair(Socket.AF_INET, Socket.SOCK_STREAM, 0, out var a, out var b).Should().Be(0);
        try
        {
            pal.SetNonBlocking(a!, false).Should().Be(0);
            var data = stackalloc byte[] { 1, 2, 3 };
            var buf = stackalloc byte[8];
            pal.Send(b!, data, 3, 0, out var sent).Should().Be(0);
            sent.Should().Be(3);
            pal.Recv(a!, buf, 8, 0, out var got).Should().Be(0);
            new Span<byte>(buf, got).ToArray().Should().Equal(1, 2, 3);

            var sa = stackalloc byte[128];
            var pa = stackalloc byte[128];
            int saLen = 128, paLen = 128;
            pal.GetSockName(a!, sa, ref saLen).Should().Be(0);
            pal.GetPeerName(b!, pa, ref paLen).Should().Be(0);
            new Span<byte>(sa, saLen).ToArray().Should().Equal(new Span<byte>(pa, paLen).ToArray());
        }
        finally
        {
            a?.CloseSocket();
            b?.CloseSocket();
        }

        pal.EmulatedSocketPair(Socket.AF_INET, Socket.SOCK_DGRAM, 0, out _, out _).Should().Be(PlatformErrno.EOPNOTSUPP);
    }

    [Fact]
    public void A_closed_handle_gives_ebadf_and_a_blocked_recv_is_woken_by_close()
    {
        var pal = new PortableSocketPal();
        pal.SocketPair(Socket.AF_UNIX, Socket.SOCK_STREAM, 0, out var a, out var b).Should().Be(0);
        try
        {
            var received = -2;
            var error = -2;
            var t = new System.Threading.Thread(() =>
            {
                var buf = stackalloc byte[4];
                error = pal.Recv(a!, buf, 4, 0, out received); // blocking mode: waits until close
            });
            t.Start();
            while (a!.CallsInFlight == 0 && t.IsAlive)
            {
                System.Threading.Thread.Yield();
            }

            a.CloseSocket();
            t.Join(TimeSpan.FromSeconds(10)).Should().BeTrue("close wakes a blocked call");
            error.Should().Be(PlatformErrno.EBADF);
            var one = stackalloc byte[1];
            pal.Send(a, one, 1, 0, out _).Should().Be(PlatformErrno.EBADF);
        }
        finally
        {
            a?.CloseSocket();
            b?.CloseSocket();
        }
    }

    [Fact]
    public void A_timed_poll_waits_its_whole_timeout_in_whole_milliseconds()
    {
        var pal = new PortableSocketPal();
        pal.SocketPair(Socket.AF_UNIX, Socket.SOCK_STREAM, 0, out var a, out var b).Should().Be(0);
        try
        {
            var sw = Stopwatch.StartNew();
            pal.Poll(a!, PollEvents.Read, 30, out var revents).Should().Be(0);
            sw.Elapsed.TotalMilliseconds.Should().BeGreaterThanOrEqualTo(29);
            revents.Should().Be(PollEvents.None);
            var one = stackalloc byte[1];
            pal.Send(b!, one, 1, 0, out _).Should().Be(0);
            pal.Poll(a!, PollEvents.Read, 5000, out revents).Should().Be(0);
            revents.Should().Be(PollEvents.Read);
        }
        finally
        {
            a?.CloseSocket();
            b?.CloseSocket();
        }
    }

    [Fact]
    public void Af_unix_autobind_and_abstract_names_reach_the_os_and_come_back_byte_for_byte()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // abstract names and autobind are Linux's
        }

        var pal = new PortableSocketPal();
        pal.Socket(Socket.AF_UNIX, Socket.SOCK_DGRAM, 0, out var a).Should().Be(0);
        pal.Socket(Socket.AF_UNIX, Socket.SOCK_DGRAM, 0, out var b).Should().Be(0);
        try
        {
            var sa = stackalloc byte[128];
            sa[0] = (byte)Socket.AF_UNIX;
            sa[1] = 0;
            pal.Bind(a!, sa, 2).Should().Be(0); // '' : autobind
            var got = stackalloc byte[128];
            var len = 128;
            pal.GetSockName(a!, got, ref len).Should().Be(0);
            len.Should().Be(8, "Linux autobinds to a NUL and five hex digits");
            got[2].Should().Be(0);

            var name = "\0pysocket-portable-test-"u8.ToArray().Concat(BitConverter.GetBytes(Environment.ProcessId)).ToArray();
            name[0] = 0;
            name.CopyTo(new Span<byte>(sa + 2, 126));
            pal.Bind(b!, sa, 2 + name.Length).Should().Be(0);
            len = 128;
            pal.GetSockName(b!, got, ref len).Should().Be(0);
            new Span<byte>(got, len).ToArray().Should().Equal(new Span<byte>(sa, 2 + name.Length).ToArray());

            // a datagram to the abstract name arrives with the autobound sender's address
            var one = stackalloc byte[] { 42 };
            pal.SendTo(a!, one, 1, 0, sa, 2 + name.Length, out var sent).Should().Be(0);
            sent.Should().Be(1);
            var from = stackalloc byte[128];
            var fromLen = 128;
            var buf = stackalloc byte[4];
            pal.RecvFrom(b!, buf, 4, 0, from, ref fromLen, out var received).Should().Be(0);
            (received, buf[0]).Should().Be((1, (byte)42));
            fromLen.Should().Be(8);
        }
        finally
        {
            a?.CloseSocket();
            b?.CloseSocket();
        }
    }

    [Fact]
    public void Ancillary_data_goes_through_the_c_library_and_comes_back_with_the_kernels_flags()
    {
        var pal = new PortableSocketPal();
        pal.SocketPair(Socket.AF_UNIX, Socket.SOCK_DGRAM, 0, out var a, out var b).Should().Be(0);
        try
        {
            // Gathered data and one SCM_RIGHTS message carrying a's own descriptor, in the OS's CMSG layout.
            var data = stackalloc byte[] { 1, 2, 3, 4, 5 };
            var iov = stackalloc PalIoVec[2];
            iov[0] = new PalIoVec { Base = data, Length = 2 };
            iov[1] = new PalIoVec { Base = data + 2, Length = 3 };
            var built = Cmsg.Build([(Socket.SOL_SOCKET, Socket.SCM_RIGHTS, BitConverter.GetBytes((int)a!.Raw))]);
            var space = built.Length;
            var control = stackalloc byte[space];
            built.CopyTo(new Span<byte>(control, space));
            var msg = new PalMessage { Iov = iov, IovCount = 2, Control = control, ControlLength = space };
            pal.SendMsg(a, &msg, 0, out var sent).Should().Be(0);
            sent.Should().Be(5);

            var into = stackalloc byte[3];
            var riov = new PalIoVec { Base = into, Length = 3 };
            var rcontrol = stackalloc byte[64];
            var rmsg = new PalMessage { Iov = &riov, IovCount = 1, Control = rcontrol, ControlLength = 64 };
            pal.RecvMsg(b!, &rmsg, 0, out var received).Should().Be(0);
            received.Should().Be(3);
            new Span<byte>(into, 3).ToArray().Should().Equal(1, 2, 3);
            rmsg.Flags.Should().Be(Socket.MSG_TRUNC, "the datagram was cut to the buffer, as the kernel reports");
            var got = Cmsg.Parse(new ReadOnlySpan<byte>(rcontrol, rmsg.ControlLength), rmsg.ControlLength);
            got.Should().ContainSingle();
            (got[0].level, got[0].type, got[0].data.Length).Should().Be((Socket.SOL_SOCKET, Socket.SCM_RIGHTS, 4));
            var passed = BitConverter.ToInt32(got[0].data);
            passed.Should().BeGreaterThan(2).And.NotBe((int)a.Raw, "the receiver gets a new descriptor for the same socket");
            PortableInterop.Close(passed).Should().Be(0);
        }
        finally
        {
            a?.CloseSocket();
            b?.CloseSocket();
        }
    }

    [Fact]
    public void Sendfile_sends_the_files_bytes_from_the_offset_with_the_c_librarys_sendfile()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pysocket-sendfile-{Guid.NewGuid():N}");
        System.IO.File.WriteAllBytes(path, Enumerable.Range(0, 200).Select(i => (byte)i).ToArray());
        var pal = new PortableSocketPal();
        pal.SocketPair(Socket.AF_UNIX, Socket.SOCK_STREAM, 0, out var a, out var b).Should().Be(0);
        try
        {
            using var file = System.IO.File.OpenHandle(path);
            pal.SendFile(a!, file, 50, 100, out var sent).Should().Be(0, "Linux has sendfile(2), so the layer does not give up with EOPNOTSUPP");
            sent.Should().Be(100);
            var into = stackalloc byte[256];
            pal.Recv(b!, into, 256, 0, out var received).Should().Be(0);
            received.Should().Be(100);
            new Span<byte>(into, received).ToArray().Should().Equal(Enumerable.Range(50, 100).Select(i => (byte)i));
        }
        finally
        {
            a?.CloseSocket();
            b?.CloseSocket();
            System.IO.File.Delete(path);
        }
    }
}
