using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class MakefileTests
{
    private static (SocketObject A, SocketObject B) Pair()
    {
        var (a, b) = socketpair();
        a.settimeout(5.0);
        b.settimeout(5.0);
        return (a, b);
    }

    private static (SocketObject Client, SocketObject Server) TcpPair()
    {
        using var listener = socket(AF_INET, SOCK_STREAM);
        listener.settimeout(5.0);
        listener.bind(("127.0.0.1", 0));
        listener.listen();
        var client = socket(AF_INET, SOCK_STREAM);
        client.settimeout(5.0);
        client.connect(listener.getsockname());
        var (server, _) = listener.accept();
        server.settimeout(5.0);
        return (client, server);
    }

    [Fact]
    public void Readline_over_tcp_gives_each_line_then_the_rest_then_empty_bytes_at_eof()
    {
        var (c, s) = TcpPair();
        using (c)
        using (s)
        {
            c.sendall("line1\nline2\nrest"u8);
            c.shutdown(SHUT_WR);
            using var f = ((SocketFile)s.makefile("rb"));
            f.GetType().Should().Be(typeof(BufferedReader));
            f.readline().Should().Equal("line1\n"u8.ToArray());
            f.readline().Should().Equal("line2\n"u8.ToArray());
            f.readline().Should().Equal("rest"u8.ToArray());
            f.readline().Should().BeEmpty();
            f.readline().Should().BeEmpty();
        }
    }

    [Fact]
    public void Readline_stops_at_the_size_limit_and_continues_from_there()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            b.sendall("abcdefgh\nxy\n"u8);
            using var f = ((SocketFile)a.makefile("rb"));
            f.readline(3).Should().Equal("abc"u8.ToArray());
            f.readline(100).Should().Equal("defgh\n"u8.ToArray());
            f.readline(0).Should().BeEmpty();
            f.readline().Should().Equal("xy\n"u8.ToArray());
        }
    }

    [Fact]
    public void Foreach_and_readlines_yield_the_lines_of_the_stream()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            b.sendall("one\ntwo\nthree\nfour"u8);
            b.close();
            using var f = ((SocketFile)a.makefile("rb"));
            f.readlines(5).Should().HaveCount(2);
            var lines = new System.Collections.Generic.List<string>();
            foreach (var line in f)
            {
                lines.Add(Encoding.ASCII.GetString(line));
            }

            lines.Should().Equal("three\n", "four");
            f.readlines().Should().BeEmpty();
        }
    }

    [Fact]
    public void Readinto_fills_a_span_and_returns_zero_at_eof()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            b.sendall("0123456789"u8);
            b.close();
            using var f = ((SocketFile)a.makefile("rb"));
            Span<byte> buf = stackalloc byte[4];
            f.readinto(buf).Should().Be(4);
            buf.ToArray().Should().Equal("0123"u8.ToArray());
            var arr = new byte[10];
            f.readinto(arr).Should().Be(6);
            f.readinto(arr).Should().Be(0);
        }
    }

    [Fact]
    public void A_buffered_writer_holds_data_until_flush()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            using var w = ((SocketFile)a.makefile("wb"));
            w.GetType().Should().Be(typeof(BufferedWriter));
            w.write("hello "u8).Should().Be(6);
            w.write(Encoding.ASCII.GetBytes("world")).Should().Be(5);
            b.setblocking(false);
            var peek = () => b.recv(100);
            peek.Should().Throw<BlockingIOError>().Which.errno.Should().Be(11);
            w.flush();
            b.settimeout(5.0);
            b.recv(100).Should().Equal("hello world"u8.ToArray());
        }
    }

    [Fact]
    public async Task A_buffered_writer_takes_all_of_a_large_write_and_close_flushes_the_rest()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            var data = new byte[100_000];
            new Random(7).NextBytes(data);
            var received = new MemoryStream();
            var reader = Task.Run(() =>
            {
                byte[] chunk;
                while ((chunk = b.recv(65536)).Length > 0)
                {
                    received.Write(chunk);
                }
            });
            var w = ((SocketFile)a.makefile("wb", buffering: 1000));
            w.write(data).Should().Be(data.Length);
            w.write("tail"u8).Should().Be(4);
            w.close();
            a.close();
            await reader.WaitAsync(TimeSpan.FromSeconds(10));
            received.ToArray().Should().Equal([.. data, .. "tail"u8.ToArray()]);
        }
    }

    [Fact]
    public void An_rwb_pair_reads_and_writes_the_same_socket()
    {
        var (c, s) = TcpPair();
        using (c)
        using (s)
        {
            using var f = ((SocketFile)c.makefile("rwb"));
            f.GetType().Should().Be(typeof(BufferedRWPair));
            using var g = ((SocketFile)s.makefile("rwb"));
            f.write("ping\n"u8);
            f.flush();
            g.readline().Should().Equal("ping\n"u8.ToArray());
            g.write("pong\n"u8);
            g.flush();
            f.readline().Should().Equal("pong\n"u8.ToArray());
            (f.readable(), f.writable(), f.seekable()).Should().Be((true, true, false));
            var act = () => f.fileno();
            act.Should().Throw<UnsupportedOperation>().WithMessage("fileno");
        }
    }

    [Fact]
    public void Text_mode_reads_and_writes_strings_with_universal_newlines()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            var f = (TextIOWrapper)a.makefile("rw");
            var g = (TextIOWrapper)b.makefile("rw", newline: "\r\n");
            g.write("h\u00e9llo\nworld\n").Should().Be(12);
            g.flush();
            f.readline().Should().Be("h\u00e9llo\n");
            f.readline().Should().Be("world\n");
            f.write("back\r\n");
            f.flush();
            g.readline().Should().Be("back\r\n");
            f.encoding.Should().Be("UTF-8");
            f.ToString().Should().Be($"<_io.TextIOWrapper name={a.fileno()} mode='rw' encoding='UTF-8'>");
            f.close();
            g.close();
        }
    }

    [Fact]
    public void Text_mode_newline_empty_keeps_crlf_and_none_translates_it()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            b.sendall("x\r\n"u8);
            var keep = (TextIOWrapper)a.makefile("r", newline: "");
            keep.readline().Should().Be("x\r\n");
            keep.close();
            b.sendall("y\r\n"u8);
            var translate = (TextIOWrapper)a.makefile("r");
            translate.readline().Should().Be("y\n");
            translate.close();
        }
    }

    [Fact]
    public void Closing_the_socket_is_deferred_until_its_file_is_closed()
    {
        var (a, b) = Pair();
        using (b)
        {
            var f = ((SocketFile)a.makefile("rb"));
            var fd = a.fileno();
            a.close();
            a.fileno().Should().Be(fd);
            b.sendall("still open"u8);
            b.close();
            f.read().Should().Equal("still open"u8.ToArray());
            f.name.Should().Be(fd);
            f.close();
            a.fileno().Should().Be(-1);
            f.name.Should().Be(-1);
            f.ToString().Should().Be("<_io.BufferedReader name=-1>");
        }
    }

    [Fact]
    public void Every_file_must_be_closed_before_the_socket_really_closes()
    {
        var (a, b) = Pair();
        using (b)
        {
            var r = ((SocketFile)a.makefile("rb"));
            var w = (TextIOWrapper)a.makefile("w");
            var raw = ((SocketFile)a.makefile("rb", 0));
            a.close();
            r.close();
            a.fileno().Should().NotBe(-1);
            w.write("bye");
            w.Dispose();
            b.recv(10).Should().Equal("bye"u8.ToArray());
            a.fileno().Should().NotBe(-1);
            raw.close();
            raw.close();
            a.fileno().Should().Be(-1);
        }
    }

    [Fact]
    public void A_timed_out_reader_refuses_every_further_read()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            a.settimeout(0.05);
            using var f = ((SocketFile)a.makefile("rb"));
            var read = () => f.read(1);
            read.Should().Throw<TimeoutError>().Where(e => e.Message == "timed out" && e.errno == null);
            b.sendall("data\n"u8);
            read.Should().Throw<OSError>().Where(e => e.GetType() == typeof(OSError) && e.Message == "cannot read from timed out object" && e.errno == null);
            var line = () => f.readline();
            line.Should().Throw<OSError>().WithMessage("cannot read from timed out object");
        }
    }

    [Fact]
    public void Invalid_modes_and_unbuffered_text_are_value_errors()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            var act = () => a.makefile("rt");
            act.Should().Throw<ValueError>().WithMessage("invalid mode 'rt' (only r, w, b allowed)");
            var text0 = () => a.makefile("r", 0);
            text0.Should().Throw<ValueError>().WithMessage("unbuffered streams must be binary");
            a.close();
            a.fileno().Should().Be(-1, "a rejected makefile() leaves no reference behind");
        }
    }

    [Fact]
    public void Non_blocking_raw_readinto_returns_null_and_write_returns_zero_when_full()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            a.setblocking(false);
            using var raw = ((SocketFile)a.makefile("rwb", 0));
            raw.GetType().Should().Be(typeof(SocketIO));
            raw.readinto(new byte[8]).Should().BeNull();
            raw.read(8).Should().BeNull();
            var big = new byte[1 << 20];
            var sent = 0;
            int n;
            while ((n = raw.write(big)) > 0)
            {
                sent += n;
            }

            n.Should().Be(0);
            sent.Should().BeGreaterThan(0);
            var streamWrite = () => raw.Write(big, 0, big.Length);
            streamWrite.Should().Throw<BlockingIOError>().Which.errno.Should().Be(11);
        }
    }

    [Fact]
    public void A_stream_reader_and_writer_work_over_socket_files()
    {
        var (c, s) = TcpPair();
        using (c)
        using (s)
        {
            using var wf = ((SocketFile)c.makefile("wb"));
            wf.CanWrite.Should().BeTrue();
            wf.CanRead.Should().BeFalse();
            wf.CanSeek.Should().BeFalse();
            using (var writer = new StreamWriter(wf, new UTF8Encoding(false), leaveOpen: true))
            {
                writer.Write("first line\nsecond \u00e9\n");
            }

            wf.flush();
            c.shutdown(SHUT_WR);
            using var rf = ((SocketFile)s.makefile("rb"));
            rf.CanRead.Should().BeTrue();
            using var reader = new StreamReader(rf, Encoding.UTF8);
            reader.ReadLine().Should().Be("first line");
            reader.ReadLine().Should().Be("second \u00e9");
            reader.ReadLine().Should().BeNull();
            var seek = () => rf.Seek(0, SeekOrigin.Begin);
            seek.Should().Throw<UnsupportedOperation>().WithMessage("seek");
            rf.close();
            rf.CanRead.Should().BeFalse();
            var afterClose = () => rf.Read(new byte[1], 0, 1);
            afterClose.Should().Throw<ValueError>().WithMessage("readinto of closed file");
        }
    }

    [Fact]
    public void A_text_file_is_a_stream_of_its_encoded_text()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            b.sendall("a\r\nb\u00e9\n"u8);
            b.close();
            using var f = a.makefile("r");
            var copy = new MemoryStream();
            f.CopyTo(copy);
            Encoding.UTF8.GetString(copy.ToArray()).Should().Be("a\nb\u00e9\n");
        }
    }

    [Fact]
    public void Stream_read_returns_what_arrived_without_waiting_to_fill_the_buffer()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            using var f = ((SocketFile)a.makefile("rb"));
            b.sendall("abc"u8);
            var buf = new byte[100];
            f.Read(buf, 0, 100).Should().Be(3);
            b.close();
            f.Read(buf, 0, 100).Should().Be(0);
        }
    }

    [PythonFact]
    public async Task A_python_peer_reads_lines_written_through_makefile_and_sends_lines_back()
    {
        using var listener = socket(AF_INET, SOCK_STREAM);
        listener.settimeout(10.0);
        listener.bind(("127.0.0.1", 0));
        listener.listen();
        var port = listener.getsockname().port;
        var peer = Task.Run(() => Python.Run("""
import socket, sys
c = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
f = c.makefile('rwb')
lines = []
while True:
    line = f.readline()
    if line == b'END\n':
        break
    lines.append(line)
for line in lines:
    f.write(line.upper())
f.write(b'no newline at the end')
f.flush()
c.shutdown(socket.SHUT_WR)
print(repr(lines))
""", TimeSpan.FromSeconds(30), [port.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        var (conn, _) = listener.accept();
        using (conn)
        {
            conn.settimeout(10.0);
            using var f = ((SocketFile)conn.makefile("rwb"));
            f.write("alpha\r\n"u8);
            f.write("beta\n"u8);
            f.write("END\n"u8);
            f.flush();
            f.ToList().Should().BeEquivalentTo(
                new[] { "ALPHA\r\n"u8.ToArray(), "BETA\n"u8.ToArray(), "no newline at the end"u8.ToArray() },
                o => o.WithStrictOrdering());
        }

        var output = await peer.WaitAsync(TimeSpan.FromSeconds(30));
        output.Trim().Should().Be("[b'alpha\\r\\n', b'beta\\n']");
    }

    [Fact]
    public async Task A_character_split_across_two_sends_is_decoded_whole()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            var euro = Encoding.UTF8.GetBytes("\u20ac\n");
            using var f = (TextIOWrapper)a.makefile("r", encoding: "utf-8");
            b.sendall(euro[..1]);
            var peer = Task.Run(() => b.sendall(euro[1..]));
            f.read(1).Should().Be("\u20ac");
            await peer.WaitAsync(TimeSpan.FromSeconds(5));
            f.readline().Should().Be("\n");
        }
    }

    [Fact]
    public void Strict_decoding_raises_a_unicode_decode_error_that_is_a_value_error()
    {
        var (a, b) = Pair();
        using (a)
        using (b)
        {
            b.sendall(new byte[] { (byte)'o', (byte)'k', 0xff, (byte)'\n' });
            using var f = (TextIOWrapper)a.makefile("r");
            var act = () => f.readline();
            act.Should().Throw<ValueError>().Which.Should().BeOfType<UnicodeDecodeError>()
                .Which.Message.Should().Be("'utf-8' codec can't decode byte 0xff in position 2: invalid start byte");
        }
    }

    [Fact]
    public void An_unclosed_file_that_is_collected_releases_the_deferred_close()
    {
        var (a, b) = Pair();
        using (b)
        {
            OpenAndDrop(a);
            a.close();
            a.fileno().Should().NotBe(-1);
            for (var i = 0; i < 5 && a.fileno() != -1; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            a.fileno().Should().Be(-1);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void OpenAndDrop(SocketObject s) => ((SocketFile)s.makefile("rb")).GetType().Should().Be(typeof(BufferedReader));
}
