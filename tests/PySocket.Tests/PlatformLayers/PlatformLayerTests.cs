using System;
using System.Diagnostics;
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
        PySocket.Platform.Layer.Should().Be(expected);
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

        pal.EmulatedSocketPair(Socket.AF_INET, Socket.SOCK_DGRAM, 0, out _, out _).Should().Be(PortableErrno.EOPNOTSUPP);
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
            error.Should().Be(PortableErrno.EBADF);
            var one = stackalloc byte[1];
            pal.Send(a, one, 1, 0, out _).Should().Be(PortableErrno.EBADF);
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
}
