using System;
using System.Collections.Generic;
using System.Text;
using FluentAssertions;
using Xunit;

namespace PySocket.Tests.Platform;

/// <summary>The name services of an OS without a table: clear failures, and address text that matches the C library's.</summary>
public sealed class UnavailableNamesTests
{
    [Theory]
    [InlineData(2, "127.0.0.1")]
    [InlineData(2, "255.255.255.255")]
    [InlineData(2, "127.1")]
    [InlineData(2, "1.2.3")]
    [InlineData(2, "0x7f.0.0.1")]
    [InlineData(2, "::1")]
    [InlineData(10, "::1")]
    [InlineData(10, "::ffff:1.2.3.4")]
    [InlineData(10, "fe80::1%lo")]
    [InlineData(10, "1:2:3:4:5:6:7:8")]
    [InlineData(10, "1.2.3.4")]
    [InlineData(10, "zz::")]
    public void Inet_pton_and_ntop_agree_with_the_c_library(int family, string text)
    {
        var unavailable = new UnavailableNames();
        var native = NamePal.Current;
        var z = Encoding.ASCII.GetBytes(text + "\0");
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        var rc = unavailable.InetPton(family, z, a, out _);
        rc.Should().Be(native.InetPton(family, z, b, out _));
        if (rc == 1)
        {
            var length = family == 2 ? 4 : 16;
            a[..length].ToArray().Should().Equal(b[..length].ToArray());
            Span<byte> t1 = stackalloc byte[46];
            Span<byte> t2 = stackalloc byte[46];
            var n1 = unavailable.InetNtop(family, a[..length], t1, out _);
            var n2 = native.InetNtop(family, b[..length], t2, out _);
            Encoding.ASCII.GetString(t1[..n1]).Should().Be(Encoding.ASCII.GetString(t2[..n2]));
        }
    }

    [Fact]
    public void Resolver_calls_fail_with_a_text_that_names_the_limitation()
    {
        var unavailable = new UnavailableNames();
        unavailable.GetAddrInfo("localhost\0"u8.ToArray(), null, 0, 0, 0, 0, new List<AddrInfoEntry>(), out _).Should().NotBe(0);
        unavailable.GaiErrorText(-4).Should().Contain("not available on this OS").And.Contain("Linux, macOS and Windows");
        unavailable.GetProtoByName("tcp\0"u8.ToArray(), out _).Should().BeFalse();
    }
}
