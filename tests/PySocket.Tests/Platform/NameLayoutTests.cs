using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Platform;

/// <summary>
/// The per-OS name-service tables. The macOS and Windows rows cannot run here, so their offsets are checked
/// against the header layouts (64-bit) they were written from; the Linux row is checked against glibc by use.
/// </summary>
public sealed class NameLayoutTests
{
    [Fact]
    public void Linux_addrinfo_has_ai_addr_before_ai_canonname()
    {
        IntPtr.Size.Should().Be(8, "the rows below are the 64-bit layouts");
        var ai = NameLayout.Linux.AddrInfo;
        (ai.OffsetOf(AI.AddrLen), ai.OffsetOf(AI.Addr), ai.OffsetOf(AI.CanonName), ai.OffsetOf(AI.Next), ai.Size)
            .Should().Be((16, 24, 32, 40, 48));
        var he = NameLayout.Linux.HostEnt;
        (he.OffsetOf(HE.AddrType), he.OffsetOf(HE.Length), he.OffsetOf(HE.AddrList), he.Size).Should().Be((16, 20, 24, 32));
        var se = NameLayout.Linux.ServEnt;
        (se.OffsetOf(SE.Port), se.OffsetOf(SE.Proto)).Should().Be((16, 24));
        NameLayout.Linux.ProtoEnt.OffsetOf(PE.Proto).Should().Be(16);
        (NameLayout.IfNameIndexStruct.OffsetOf(IFI.Name), NameLayout.IfNameIndexStruct.Size).Should().Be((8, 16));
    }

    [Fact]
    public void MacOS_addrinfo_has_ai_canonname_before_ai_addr_and_bsd_sockaddrs()
    {
        var mac = NameLayout.MacOS;
        var ai = mac.AddrInfo;
        (ai.OffsetOf(AI.AddrLen), ai.OffsetOf(AI.CanonName), ai.OffsetOf(AI.Addr), ai.OffsetOf(AI.Next)).Should().Be((16, 24, 32, 40));
        (mac.AfInet, mac.AfInet6, mac.SockAddrHasLength, mac.EaiSystem).Should().Be((2, 30, true, 11));
        mac.HostEnt.OffsetOf(HE.AddrList).Should().Be(24);
    }

    [Fact]
    public void Windows_rows_follow_ws2def_and_winsock2_for_x64()
    {
        var win = NameLayout.Windows;
        var ai = win.AddrInfo;
        (ai.OffsetOf(AI.AddrLen), ai.OffsetOf(AI.CanonName), ai.OffsetOf(AI.Addr), ai.OffsetOf(AI.Next), ai.Size)
            .Should().Be((16, 24, 32, 40, 48), "ADDRINFOA: size_t ai_addrlen, then ai_canonname, ai_addr, ai_next");
        var he = win.HostEnt;
        (he.OffsetOf(HE.AddrType), he.OffsetOf(HE.Length), he.OffsetOf(HE.AddrList)).Should().Be((16, 18, 24), "h_addrtype and h_length are short");
        var se = win.ServEnt;
        (se.OffsetOf(SE.Proto), se.OffsetOf(SE.Port), se.Size).Should().Be((16, 24, 32), "on _WIN64 s_proto precedes the short s_port");
        win.ProtoEnt.OffsetOf(PE.Proto).Should().Be(16);
        (win.AfInet6, win.EaiSystem).Should().Be((23, 0));
    }

    [Fact]
    public unsafe void A_bsd_sockaddr_starts_with_its_length_and_a_one_byte_family()
    {
        var mac = NameLayout.MacOS;
        var address = new NameAddress(30, Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), 8080, 0x12345, 7);
        Span<byte> sa = stackalloc byte[28];
        mac.WriteSockAddr(address, sa).Should().Be(28);
        (sa[0], sa[1], sa[2], sa[3]).Should().Be(((byte)28, (byte)30, (byte)0x1f, (byte)0x90));
        fixed (byte* p = sa)
        {
            var back = mac.ReadSockAddr(p, 28);
            (back.Family, back.Port, back.FlowInfo, back.ScopeId).Should().Be((30, 8080, 0x12345u, 7u));
            back.Ip.Should().Equal(address.Ip);
        }

        var v4 = new NameAddress(2, [127, 0, 0, 1], 80, 0, 0);
        Span<byte> sa4 = stackalloc byte[16];
        NameLayout.Linux.WriteSockAddr(v4, sa4).Should().Be(16);
        sa4[..8].ToArray().Should().Equal(2, 0, 0, 80, 127, 0, 0, 1);
    }

    [Fact]
    public void The_native_name_services_are_selected_on_linux_with_the_linux_row()
    {
        NamePal.Current.Layout.Should().BeSameAs(NameLayout.Linux);
        NamePal.Current.GaiErrorText(EAI_NONAME).Should().Be("Name or service not known");
    }

    [Fact]
    public async Task Non_reentrant_database_calls_are_serialised_and_give_every_thread_its_answer()
    {
        // getprotobyname/getservbyname return static storage; without the lock, threads read each other's entries.
        var expected = new Dictionary<string, int> { ["tcp"] = 6, ["udp"] = 17, ["icmp"] = 1 };
        var services = new Dictionary<string, int> { ["http"] = 80, ["ssh"] = 22, ["domain"] = 53 };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var tasks = Enumerable.Range(0, 6).Select(t => Task.Run(() =>
        {
            var wrong = 0;
            for (var i = 0; i < 300 && !cts.IsCancellationRequested; i++)
            {
                var (proto, number) = expected.ElementAt((i + t) % 3);
                var (service, port) = services.ElementAt((i + t) % 3);
                wrong += getprotobyname(proto) == number ? 0 : 1;
                wrong += getservbyname(service, "tcp") == port ? 0 : 1;
                wrong += getservbyport(port, "tcp") == service ? 0 : 1;
            }

            return wrong;
        })).ToArray();
        var all = Task.WhenAll(tasks);
        (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(all, "the lookups finish");
        (await all).Sum().Should().Be(0);
    }
}
