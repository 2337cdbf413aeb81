using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>
/// API.md's makefile forms and Python's text forms compile and work as written, with no cast anywhere in this
/// file: makefile() returns one <see cref="FileObject"/> whose reads return <see cref="FileData"/> (converting to
/// byte[] or string by the caller's type) and whose one element type is FileData.
/// </summary>
public sealed class MakefileContractTests
{
    private static (SocketObject Reader, SocketObject Peer) Fed(string data, bool close = true)
    {
        var (a, b) = socketpair();
        a.settimeout(5.0);
        b.settimeout(5.0);
        b.sendall(Encoding.UTF8.GetBytes(data));
        if (close)
        {
            b.shutdown(SHUT_WR);
        }

        return (a, b);
    }

    [Fact]
    public void The_API_md_binary_readline_form_compiles_and_reads_bytes()
    {
        var (conn, peer) = Fed("line\nrest");
        using var sc = conn;
        using var sp = peer;

        // API.md: using (var f = conn.makefile("rb")) { byte[] line = f.readline(); }
        using (var f = conn.makefile("rb"))
        {
            byte[] line = f.readline();
            line.Should().Equal("line\n"u8.ToArray());
            byte[] rest = f.read();
            rest.Should().Equal("rest"u8.ToArray());
        }
    }

    [Fact]
    public void Python_binary_forms_compile_without_casts()
    {
        var (s, peer) = Fed("a\nbb\nccc\n");
        using var ss = s;
        using var sp = peer;
        var f = s.makefile("rb");
        byte[] first = f.readline();
        first.Should().Equal("a\n"u8.ToArray());
        var seen = new List<byte[]>();
        foreach (var l in f)
        {
            l.IsBytes.Should().BeTrue();
            seen.Add(l);                       // implicit FileData -> byte[]
            s.sendall(l);                      // sendall(byte[]) is chosen, no ambiguity with the span overload
            Encoding.ASCII.GetString(l).Should().EndWith("\n");
        }

        seen.Select(Encoding.ASCII.GetString).Should().Equal("bb\n", "ccc\n");
        f.close();
        f.closed.Should().BeTrue();
    }

    [Fact]
    public void Binary_lines_convert_in_a_typed_foreach_and_work_with_LINQ()
    {
        var (s, peer) = Fed("x\ny\n");
        using var ss = s;
        using var sp = peer;
        using var f = s.makefile("rb");
        var lengths = new List<int>();
        foreach (byte[] l in f)
        {
            lengths.Add(l.Length);
        }

        lengths.Should().Equal(2, 2);
        f.Count().Should().Be(0, "the lines were consumed");
    }

    [Fact]
    public void Python_text_forms_compile_without_casts()
    {
        var (s, peer) = Fed("h\u00e9llo\nw\u00f6rld\nthree\nfour\n");
        using var ss = s;
        using var sp = peer;
        var t = s.makefile("r", encoding: "utf-8");
        string line = t.readline();
        line.Should().Be("h\u00e9llo\n");
        var lines = new List<string>();
        foreach (string l in t.Take(1))
        {
            lines.Add(l);
        }

        lines.Should().Equal("w\u00f6rld\n");
        var third = t.readline();
        (third == "three\n").Should().BeTrue("FileData compares with Python's ==");
        t.Count().Should().Be(1);
        t.close();
    }

    [Fact]
    public void Text_lines_enumerate_as_strings_and_count()
    {
        var (s, peer) = Fed("one\ntwo\nthree\n");
        using var ss = s;
        using var sp = peer;
        using var t = s.makefile("r", encoding: "utf-8");
        var all = new List<string>();
        foreach (string l in t)
        {
            all.Add(l);
        }

        all.Should().Equal("one\n", "two\n", "three\n");
        t.Count().Should().Be(0);
    }

    [Fact]
    public void The_text_count_form_counts_the_lines()
    {
        var (s, peer) = Fed("one\ntwo\nthree\n");
        using var ss = s;
        using var sp = peer;
        using var t = s.makefile("r");
        t.Count().Should().Be(3);
    }

    [Fact]
    public void Write_forms_for_binary_and_text_files_compile_and_send()
    {
        var (s, peer) = socketpair();
        using var ss = s;
        using var sp = peer;
        peer.settimeout(5.0);
        var bytes = "bin\n"u8.ToArray();
        using (var w = s.makefile("wb"))
        {
            w.write(bytes).Should().Be(4);
            w.write("span\n"u8).Should().Be(5);
        }

        using (var w = s.makefile("w"))
        {
            w.write("text \u20ac\n").Should().Be(7);
        }

        // Python's s.makefile("wb").write(b) closes (and so flushes) the file at once; here close() does.
        using (var w = s.makefile("wb"))
        {
            w.write(bytes);
        }

        using (var w = s.makefile("wb"))
        {
            w.write(bytes);
            w.flush();
        }

        s.shutdown(SHUT_WR);
        using var r = peer.makefile("rb");
        byte[] got = r.read();
        Encoding.UTF8.GetString(got).Should().Be("bin\nspan\ntext \u20ac\nbin\nbin\n");
    }

    [Fact]
    public void A_line_read_from_one_file_is_written_to_another_as_it_is()
    {
        var (s, peer) = Fed("echo me\n", close: false);
        using var ss = s;
        using var sp = peer;
        using var rfile = s.makefile("rb");
        using var wfile = s.makefile("wb");
        var line = rfile.readline();           // FileData
        wfile.write(line);                     // write(FileData): no ambiguity between byte[] and string
        wfile.flush();
        using var back = peer.makefile("rb");
        byte[] echoed = back.readline();
        echoed.Should().Equal("echo me\n"u8.ToArray());
    }

    [Fact]
    public void The_socketserver_handler_form_compiles_on_a_makefile_result_too()
    {
        var (s, peer) = Fed("one\ntwo\n");
        using var ss = s;
        using var sp = peer;
        using var rfile = s.makefile("rb");
        using var wfile = s.makefile("wb");
        byte[] line;
        var n = 0;
        while ((line = rfile.readline()).Length > 0)
        {
            wfile.write(line);
            n++;
        }

        n.Should().Be(2);
    }

    [Fact]
    public void The_wrong_conversion_raises_Pythons_TypeError()
    {
        var (s, peer) = Fed("x\n");
        using var ss = s;
        using var sp = peer;
        using var t = s.makefile("r");
        var line = t.readline();
        var asBytes = () =>
        {
            byte[] b = line;
            return b;
        };
        asBytes.Should().Throw<TypeError>().WithMessage("a bytes-like object is required, not 'str'");

        var (s2, peer2) = Fed("y\n");
        using var ss2 = s2;
        using var sp2 = peer2;
        using var f = s2.makefile("rb");
        var bline = f.readline();
        var asText = () =>
        {
            string str = bline;
            return str;
        };
        asText.Should().Throw<TypeError>().WithMessage("must be str, not bytes");
        var writeText = () => f.write("x");
        writeText.Should().Throw<UnsupportedOperation>("a BufferedReader's write raises before it looks at its argument, as in Python");
        var textRead = () => t.readinto(new byte[1]);
        textRead.Should().Throw<AttributeError>().WithMessage("'_io.TextIOWrapper' object has no attribute 'readinto'", "python3 raises AttributeError");
    }

    [Fact]
    public void Writing_the_other_kind_raises_Pythons_TypeError()
    {
        var (s, peer) = socketpair();
        using var ss = s;
        using var sp = peer;
        using var w = s.makefile("wb");
        using var t = s.makefile("w");
        var strToBinary = () => w.write("x");
        strToBinary.Should().Throw<TypeError>().WithMessage("a bytes-like object is required, not 'str'");
        var bytesToText = () => t.write("x"u8.ToArray());
        bytesToText.Should().Throw<TypeError>().WithMessage("write() argument must be str, not bytes");
    }

    [Fact]
    public void File_data_has_Pythons_equality_length_indexing_and_str()
    {
        var (s, peer) = Fed("ab\n");
        using var ss = s;
        using var sp = peer;
        using var f = s.makefile("rb");
        var line = f.readline();
        (line == "ab\n"u8.ToArray()).Should().BeTrue();
        (line == "ab\n").Should().BeFalse("b'ab\\n' != 'ab\\n' in Python");
        (line != "zz"u8.ToArray()).Should().BeTrue();
        line.Length.Should().Be(3);
        line.IsEmpty.Should().BeFalse();
        line[0].Should().Be('a');
        line[-1].Should().Be('\n');
        (line is [(byte)'a', (byte)'b', (byte)'\n']).Should().BeTrue();
        line.ToString().Should().Be("b'ab\\n'");
        line.repr().Should().Be("b'ab\\n'");
        $"{line}".Should().Be("b'ab\\n'");
        f.readline().IsEmpty.Should().BeTrue("EOF is an empty value");
        default(FileData).IsNone.Should().BeTrue();
        default(FileData).ToString().Should().Be("None");
    }

    [Fact]
    public void Typed_files_are_reached_by_conversion_and_keep_their_exact_element_types()
    {
        var (s, peer) = Fed("a\nb\n");
        using var ss = s;
        using var sp = peer;
        SocketFile typed = s.makefile("rb");
        typed.GetType().Should().Be(typeof(BufferedReader));
        IEnumerable<byte[]> lines = typed;
        lines.Should().HaveCount(2);

        var (s2, peer2) = Fed("c\n");
        using var ss2 = s2;
        using var sp2 = peer2;
        TextIOWrapper text = s2.makefile("r");
        text.readline().Should().Be("c\n");
        s2.makefile("rb").file.GetType().Name.Should().Be("BufferedReader");
        var wrong = () =>
        {
            TextIOWrapper t = s2.makefile("rb");
            return t;
        };
        wrong.Should().Throw<TypeError>();
    }

    [Fact]
    public void A_file_is_a_Stream_for_dotnet_code()
    {
        var (s, peer) = Fed("stream\nlines\n");
        using var ss = s;
        using var sp = peer;
        using Stream f = s.makefile("rb");
        using var reader = new StreamReader(f);
        reader.ReadLine().Should().Be("stream");
        reader.ReadToEnd().Should().Be("lines\n");

        var (s2, peer2) = Fed("copy me");
        using var ss2 = s2;
        using var sp2 = peer2;
        using var g = s2.makefile("rb");
        using var ms = new MemoryStream();
        g.CopyTo(ms);
        ms.ToArray().Should().Equal("copy me"u8.ToArray());
    }
}
