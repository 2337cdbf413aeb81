using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>
/// Issue 7: a text file and a binary file each expose exactly one element type (LINQ and foreach are not
/// ambiguous; no member of the common base is hidden), and long lines are read without quadratic concatenation.
/// </summary>
public sealed class IoTypeTests
{
    [Fact]
    public void A_text_file_enumerates_strings_and_a_binary_file_byte_arrays_with_plain_LINQ()
    {
        var (a, b) = socketpair();
        using var sa = a;
        using var sb = b;
        a.settimeout(5.0);
        b.sendall(Encoding.ASCII.GetBytes("one\ntwo\nthree\n"));
        b.shutdown(SHUT_WR);
        using var text = (TextIOWrapper)a.makefile("r");

        // t.Count() did not compile before: TextIOWrapper was both IEnumerable<byte[]> and IEnumerable<string>.
        IEnumerable<string> lines = text;
        lines.Should().Equal("one\n", "two\n", "three\n");
        text.Count().Should().Be(0, "the lines were consumed");

        var (c, d) = socketpair();
        using var sc = c;
        using var sd = d;
        c.settimeout(5.0);
        d.sendall(Encoding.ASCII.GetBytes("x\ny\n"));
        d.shutdown(SHUT_WR);
        using var binary = (SocketFile)c.makefile("rb");
        binary.Select(l => Encoding.ASCII.GetString(l)).Should().Equal("x\n", "y\n");
    }

    [Fact]
    public void The_text_file_type_declares_no_member_that_hides_a_base_member()
    {
        var hiding = typeof(TextIOWrapper).GetMethods()
            .Where(m => m.DeclaringType == typeof(TextIOWrapper) && !m.IsVirtual)
            .Where(m => typeof(IOBase).GetMethods().Any(b => b.Name == m.Name && !b.IsVirtual && b.DeclaringType != typeof(object)))
            .Select(m => m.Name)
            .ToList();
        hiding.Should().BeEmpty();
        typeof(TextIOWrapper).IsAssignableTo(typeof(SocketFile)).Should().BeFalse();
        typeof(TextIOWrapper).GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Should().Equal(typeof(IEnumerable<string>));
        typeof(SocketFile).GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Should().Equal(typeof(IEnumerable<byte[]>));
    }

    [Fact]
    public void A_long_text_line_across_many_chunks_is_read_whole()
    {
        var (a, b) = socketpair();
        using var sa = a;
        using var sb = b;
        a.settimeout(5.0);
        b.settimeout(5.0);
        var line = new string('q', 2_000_000) + "\n";
        var sender = new System.Threading.Thread(() =>
        {
            b.sendall(Encoding.ASCII.GetBytes(line + "tail"));
            b.shutdown(SHUT_WR);
        });
        sender.Start();
        using var text = (TextIOWrapper)a.makefile("r");
        text.readline().Should().Be(line);
        text.readline().Should().Be("tail");
        text.readline().Should().BeEmpty();
        sender.Join(TimeSpan.FromSeconds(5)).Should().BeTrue();
    }
}
