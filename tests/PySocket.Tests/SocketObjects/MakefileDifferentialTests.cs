using System;
using System.Linq;
using System.Text;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>
/// The same byte streams read and written through makefile() by python3 and by PySocket, row by row.
/// Each side builds a socketpair, the peer sends the data and closes, then the rows run in order.
/// </summary>
public sealed class MakefileDifferentialTests
{
    private const string Setup = """
def fed(data):
    a, b = socketpair()
    a.settimeout(5); b.settimeout(5)
    b.sendall(data); b.close()
    return a
def pair():
    a, b = socketpair()
    a.settimeout(5); b.settimeout(5)
    return a, b

""";

    private static readonly byte[] Lines = Encoding.Latin1.GetBytes("line1\nline2\r\nlong line here\n\nx\rrest");

    private static readonly byte[] Mixed = Encoding.Latin1.GetBytes("a\r\nb\rc\nd\r\r\ne\n\rf");

    private static SocketObject Fed(byte[] data)
    {
        var (a, b) = socketpair();
        a.settimeout(5.0);
        b.settimeout(5.0);
        b.sendall(data);
        b.close();
        return a;
    }

    /// <summary>What Python's value is: the bytes, the str, or None.</summary>
    private static object? Value(FileData data) => data.IsNone ? null : data.IsText ? data.ToText() : data.ToByteArray();

    private static string Py(byte[] data) => $"bytes.fromhex('{Convert.ToHexStringLower(data)}')";

    [PythonFact]
    public void A_buffered_reader_reads_lines_sizes_and_eof_like_python()
    {
        var a = Fed(Lines);
        var f = ((SocketFile)a.makefile("rb"));
        new DifferentialTable(Setup + $"a = fed({Py(Lines)})\nf = a.makefile('rb')\n")
            .Case("f.readline()", () => f.readline())
            .Case("f.readline(3)", () => f.readline(3))
            .Case("f.readline(0)", () => f.readline(0))
            .Case("f.readline()", () => f.readline())
            .Case("f.peek()[:4]", () => ((BufferedReader)f).peek()[..4])
            .Case("f.read(4)", () => f.read(4))
            .Case("f.read1(3)", () => f.read1(3))
            .Case("f.readlines(2)", () => f.readlines(2))
            .Case("f.readlines()", () => f.readlines())
            .Case("f.readline()", () => f.readline())
            .Case("f.read()", () => f.read())
            .Case("f.read(5)", () => f.read(5))
            .Case("f.read1()", () => f.read1())
            .Case("f.readinto(bytearray(4))", () => f.readinto(new byte[4]))
            .Case("f.read(-2)", () => f.read(-2))
            .Case("(f.mode, f.name == a.fileno(), f.fileno() == a.fileno())", () => (f.mode, f.name == a.fileno(), f.fileno() == a.fileno()))
            .Case("(f.readable(), f.writable(), f.seekable(), f.closed, f.isatty())", () => (f.readable(), f.writable(), f.seekable(), f.closed, f.isatty()))
            .Case("f.write(b'x')", () => f.write("x"u8))
            .Case("f.close()", () => f.close())
            .Case("(f.closed, f.name, a.fileno() > 0)", () => (f.closed, f.name, a.fileno() > 0))
            .Case("f.read()", () => f.read())
            .Case("f.read1()", () => f.read1())
            .Case("f.readline()", () => f.readline())
            .Case("f.readinto(bytearray(2))", () => f.readinto(new byte[2]))
            .Case("f.peek()", () => ((BufferedReader)f).peek())
            .Case("f.fileno()", () => f.fileno())
            .Case("f.readable()", () => f.readable())
            .Case("f.flush()", () => f.flush())
            .Case("f.close()", () => f.close())
            .AssertSameAsPython();
        a.close();
    }

    [PythonFact]
    public void Iteration_readlines_and_readinto_match_python()
    {
        var a1 = Fed(Lines);
        var a2 = Fed(Lines);
        var a3 = Fed(Lines);
        new DifferentialTable(Setup + $"D = {Py(Lines)}\n")
            .Case("list(fed(D).makefile('rb'))", () => ((SocketFile)a1.makefile("rb")).ToList())
            .Case("fed(D).makefile('rb').readlines(7)", () => ((SocketFile)a2.makefile("rb")).readlines(7))
            .Case("exec:f = fed(D).makefile('rb'); b = bytearray(40); result = (f.readinto(b), bytes(b), f.readinto(b))", () =>
            {
                var f = ((SocketFile)a3.makefile("rb"));
                var b = new byte[40];
                var n1 = f.readinto(b);
                var copy = b.ToArray();
                return (n1, copy, f.readinto(b));
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Raw_socketio_reads_byte_by_byte_and_a_second_file_continues_where_the_first_stopped()
    {
        var a = Fed(Lines);
        var r = ((SocketFile)a.makefile("rb", buffering: 0));
        var r2 = ((SocketFile)a.makefile("rb", buffering: 0));
        new DifferentialTable(Setup + $"a = fed({Py(Lines)})\nr = a.makefile('rb', 0)\nr2 = a.makefile('rb', 0)\n")
            .Case("type(r).__name__", () => r.GetType().Name)
            .Case("r.readline()", () => r.readline())
            .Case("r2.readline()", () => r2.readline())
            .Case("r.read(3)", () => r.read(3))
            .Case("r2.readline(4)", () => r2.readline(4))
            .Case("(r.mode, r.readable(), r.writable(), r.seekable())", () => (r.mode, r.readable(), r.writable(), r.seekable()))
            .Case("r.write(b'x')", () => r.write("x"u8))
            .Case("r.readall()", () => ((SocketIO)r).readall())
            .Case("r.read()", () => r.read())
            .Case("r.close()", () => r.close())
            .Case("(r.closed, r.name)", () => (r.closed, r.name))
            .Case("r.read(1)", () => r.read(1))
            .Case("r.readinto(bytearray(1))", () => r.readinto(new byte[1]))
            .Case("r.fileno()", () => r.fileno())
            .Case("r.readable()", () => r.readable())
            .Case("r.flush()", () => r.flush())
            .Case("r2.close()", () => r2.close())
            .AssertSameAsPython();
        a.close();
    }

    [PythonFact]
    public void A_non_blocking_raw_file_returns_none_and_a_timed_out_file_refuses_further_reads()
    {
        var (a, b) = socketpair();
        a.setblocking(false);
        var r = ((SocketFile)a.makefile("rb", buffering: 0));
        var br = ((SocketFile)a.makefile("rb"));
        var (c, d) = socketpair();
        c.settimeout(0.05);
        var t = ((SocketFile)c.makefile("rb"));
        new DifferentialTable(Setup + "a, b = socketpair()\na.setblocking(False)\nr = a.makefile('rb', 0)\nbr = a.makefile('rb')\nc, d = socketpair()\nc.settimeout(0.05)\nt = c.makefile('rb')\n")
            .Case("r.readinto(bytearray(4))", () => r.readinto(new byte[4]))
            .Case("r.read(4)", () => r.read(4))
            .Case("r.read()", () => r.read())
            .Case("r.readline()", () => r.readline())
            .Case("br.read(4)", () => br.read(4))
            .Case("br.read()", () => br.read())
            .Case("br.read1(4)", () => br.read1(4))
            .Case("br.readinto(bytearray(4))", () => br.readinto(new byte[4]))
            .Case("t.read(1)", () => t.read(1))
            .Case("t.read(1)", () => t.read(1))
            .Case("t.readline()", () => t.readline())
            .Case("(d.sendall(b'late\\n'), t.readline())[1]", () =>
            {
                d.sendall("late\n"u8);
                return t.readline();
            })
            .AssertSameAsPython();
        foreach (var s in new[] { a, b, c, d })
        {
            s.close();
        }

        r.close();
        br.close();
        t.close();
    }

    [PythonFact]
    public void Text_files_decode_and_translate_newlines_like_python()
    {
        var table = new DifferentialTable(Setup + $"M = {Py(Mixed)}\n");
        foreach (var nl in new[] { null, "", "\n", "\r", "\r\n" })
        {
            var pyNl = nl is null ? "None" : "'" + nl.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";
            var a1 = Fed(Mixed);
            var a2 = Fed(Mixed);
            var a3 = Fed(Mixed);
            table.Case($"list(fed(M).makefile('r', newline={pyNl}))", () => ((TextIOWrapper)a1.makefile("r", newline: nl)).ToList());
            table.Case($"fed(M).makefile('r', newline={pyNl}).read()", () => ((TextIOWrapper)a2.makefile("r", newline: nl)).read());
            table.Case($"exec:f = fed(M).makefile('r', newline={pyNl}); result = [f.read(2), f.readline(1), f.readline(), f.readlines(2)]", () =>
            {
                var f = (TextIOWrapper)a3.makefile("r", newline: nl);
                return new object[] { f.read(2), f.readline(1), f.readline(), f.readlines(2) };
            });
        }

        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Text_reads_decode_in_pythons_chunks_and_lose_a_failed_calls_text_like_python()
    {
        // TextIOWrapper decodes 8192 bytes at a time: the good line before a bad byte further on comes first, and
        // the error's position is within its chunk. A read that fails loses what it had decoded.
        byte[] late = [.. "line1\n"u8, .. Enumerable.Repeat((byte)'x', 10000), 0xff, (byte)'\n'];
        const string timed = "a, b = pair(); a.settimeout(0.05); b.sendall(b'abc'); f = a.makefile('r')\ntry:\n    f.{0}\nexcept TimeoutError:\n    pass\n";
        new DifferentialTable(Setup + $"LATE = {Py(late)}\n")
            .Case("fed(LATE).makefile('r', encoding='utf-8').readline()", () => ((TextIOWrapper)Fed(late).makefile("r", encoding: "utf-8")).readline())
            .Case("exec:f = fed(LATE).makefile('r', encoding='utf-8'); f.readline(); f.readline()", () =>
            {
                var f = (TextIOWrapper)Fed(late).makefile("r", encoding: "utf-8");
                f.readline();
                return f.readline();
            })
            .Case("exec:f = fed(LATE).makefile('r', encoding='utf-8'); f.read(6); f.read(9000)", () =>
            {
                var f = (TextIOWrapper)Fed(late).makefile("r", encoding: "utf-8");
                f.read(6);
                return f.read(9000);
            })
            .Case("exec:" + string.Format(System.Globalization.CultureInfo.InvariantCulture, timed, "readline()") + "f.read(1)", () => AfterTimeout(f => f.readline()))
            .Case("exec:" + string.Format(System.Globalization.CultureInfo.InvariantCulture, timed, "read(10)") + "f.readline()", () => AfterTimeout(f => f.read(10), then: f => f.readline()))
            .AssertSameAsPython();

        static string AfterTimeout(Func<TextIOWrapper, string> first, Func<TextIOWrapper, string>? then = null)
        {
            var (a, b) = socketpair();
            using (a)
            using (b)
            {
                a.settimeout(0.05);
                b.sendall("abc"u8);
                var f = (TextIOWrapper)a.makefile("r");
                try
                {
                    first(f);
                }
                catch (TimeoutError)
                {
                }

                return (then ?? (g => g.read(1)))(f);
            }
        }
    }

    [PythonFact]
    public void Text_files_encode_with_newline_translation_and_report_codec_errors_like_python()
    {
        var utf = Encoding.UTF8.GetBytes("h\u00e9llo \u20ac\n\U0001F600 ok\n");
        var bad = new byte[] { (byte)'a', (byte)'b', 0xe9, (byte)'c', (byte)'\n', 0xff, (byte)'\n' };
        var a1 = Fed(utf);
        var a2 = Fed(bad);
        var a3 = Fed(bad);
        var a4 = Fed(bad);
        var a5 = Fed(bad);
        var a6 = Fed([0x61, 0xe2, 0x82]);
        var a7 = Fed(utf);
        var (wa, wb) = socketpair();
        var table = new DifferentialTable(Setup + $"U = {Py(utf)}\nBAD = {Py(bad)}\n")
            .Case("list(fed(U).makefile('r'))", () => ((TextIOWrapper)a1.makefile("r")).ToList())
            .Case("fed(BAD).makefile('r').readline()", () => ((TextIOWrapper)a2.makefile("r")).readline())
            .Case("fed(BAD).makefile('r', encoding='utf-8', errors='replace').read()", () => ((TextIOWrapper)a3.makefile("r", encoding: "utf-8", errors: "replace")).read())
            .Case("fed(BAD).makefile('r', encoding='latin-1').read()", () => ((TextIOWrapper)a4.makefile("r", encoding: "latin-1")).read())
            .Case("fed(BAD).makefile('r', encoding='ascii', errors='ignore').read()", () => ((TextIOWrapper)a5.makefile("r", encoding: "ascii", errors: "ignore")).read())
            .Case("fed(bytes([0x61, 0xe2, 0x82])).makefile('r').read()", () => ((TextIOWrapper)a6.makefile("r")).read())
            .Case("exec:f = fed(U).makefile('r'); result = [f.read(5), f.readline(2), f.read(1), f.readline(1), f.read(2), f.read(100), f.read(3)]", () =>
            {
                var f = (TextIOWrapper)a7.makefile("r");
                return new[] { f.read(5), f.readline(2), f.read(1), f.readline(1), f.read(2), f.read(100), f.read(3) };
            })
            .Case("exec:w, p = pair(); result = w.makefile('w').write('\\U0001f600a\\u20ac')", () => ((TextIOWrapper)wa.makefile("w")).write("\U0001F600a\u20ac"));

        foreach (var (nl, pyNl) in new[] { ((string?)null, "None"), ("", "''"), ("\n", "'\\n'"), ("\r", "'\\r'"), ("\r\n", "'\\r\\n'") })
        {
            var (w, peer) = socketpair();
            w.settimeout(5.0);
            peer.settimeout(5.0);
            table.Case(
                $"exec:w, p = pair(); f = w.makefile('w', newline={pyNl}); n = f.write('a\\nb\\r\\n\\u00e9'); f.flush(); result = (n, p.recv(100))",
                () =>
                {
                    var f = (TextIOWrapper)w.makefile("w", newline: nl);
                    var n = f.write("a\nb\r\n\u00e9");
                    f.flush();
                    return (n, peer.recv(100));
                });
        }

        var (e, _) = socketpair();
        table.Case("exec:e, _ = pair(); f = e.makefile('w', encoding='ascii'); result = f.write('ab\\u00e9\\u00e8c')", () => ((TextIOWrapper)e.makefile("w", encoding: "ascii")).write("ab\u00e9\u00e8c"))
            .Case("exec:e, _ = pair(); f = e.makefile('w', encoding='latin-1'); result = f.write('x\\u20ac')", () => ((TextIOWrapper)e.makefile("w", encoding: "latin-1")).write("x\u20ac"))
            .Case("exec:e, _ = pair(); f = e.makefile('w', encoding='ascii', errors='replace'); f.write('\\u00e9!'); result = f.encoding, f.errors, f.mode", () =>
            {
                var f = (TextIOWrapper)e.makefile("w", encoding: "ascii", errors: "replace");
                f.write("\u00e9!");
                return (f.encoding, f.errors, f.mode);
            })
            .Case("exec:e, _ = pair(); f = e.makefile('w'); result = (f.encoding, f.errors, f.mode, f.line_buffering)", () =>
            {
                var f = (TextIOWrapper)e.makefile("w");
                return (f.encoding, f.errors, f.mode, f.line_buffering);
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Makefile_validates_its_arguments_like_python()
    {
        var (a, b) = socketpair();
        SocketFile? closedFile = null;
        var table = new DifferentialTable(Setup + "a, b = pair()\n");
        foreach (var mode in new[] { "x", "rx", "rbt", "r+", "", "b", "bb", "rr", "wr" })
        {
            table.Case($"type(a.makefile('{mode}')).__name__", () => a.makefile(mode).file.GetType().Name);
        }

        table.Case("a.makefile('r', 0)", () => a.makefile("r", 0))
            .Case("a.makefile('w', buffering=0)", () => a.makefile("w", buffering: 0))
            .Case("type(a.makefile('rb', 0)).__name__", () => ((SocketFile)a.makefile("rb", 0)).GetType().Name)
            .Case("type(a.makefile('wb', -5)).__name__", () => ((SocketFile)a.makefile("wb", -5)).GetType().Name)
            .Case("type(a.makefile('rwb')).__name__", () => ((SocketFile)a.makefile("rwb")).GetType().Name)
            .Case("a.makefile('r', newline='x')", () => a.makefile("r", newline: "x"))
            .Case("a.makefile('r', encoding='no-such-codec')", () => a.makefile("r", encoding: "no-such-codec"))
            .Case("a.makefile(None)", () => a.makefile(null!))
            .Case("a.makefile('w').write(None)", () => ((TextIOWrapper)a.makefile("w")).write(null!))
            .Case("a.makefile('wb').write(None)", () => ((SocketFile)a.makefile("wb")).write((byte[])null!))
            .Case("a.makefile('wb', 0).write(None)", () => ((SocketFile)a.makefile("wb", 0)).write((byte[])null!))
            .Case("a.makefile('rwb').write(None)", () => ((SocketFile)a.makefile("rwb")).write((byte[])null!))
            .Case("a.makefile('rb').readinto(None)", () => ((SocketFile)a.makefile("rb")).readinto((byte[])null!))
            .Case("a.makefile('rb', 0).readinto(None)", () => ((SocketFile)a.makefile("rb", 0)).readinto((byte[])null!))
            .Case("exec:c, d = pair(); c.close(); f = c.makefile('rb'); result = (f.name, f.closed, str(f))", () =>
            {
                var (c, d) = socketpair();
                c.close();
                d.close();
                closedFile = ((SocketFile)c.makefile("rb"));
                return (closedFile.name, closedFile.closed, closedFile.ToString());
            })
            .Case("f.read()", () => closedFile!.read())
            .AssertSameAsPython();
        a.close();
        b.close();
    }

    [PythonFact]
    public void Writers_pairs_and_text_files_refuse_what_python_refuses()
    {
        var (a, b) = socketpair();
        a.settimeout(5.0);
        b.settimeout(5.0);
        var w = ((SocketFile)a.makefile("wb"));
        var rw = ((SocketFile)a.makefile("rwb"));
        var tr = (TextIOWrapper)a.makefile("r");
        var tw = (TextIOWrapper)a.makefile("w");
        new DifferentialTable(Setup + "a, b = pair()\nw = a.makefile('wb')\nrw = a.makefile('rwb')\ntr = a.makefile('r')\ntw = a.makefile('w')\n")
            .Case("w.read()", () => w.read())
            .Case("w.readline()", () => w.readline())
            .Case("w.readinto(bytearray(1))", () => w.readinto(new byte[1]))
            .Case("(w.mode, w.readable(), w.writable(), w.seekable())", () => (w.mode, w.readable(), w.writable(), w.seekable()))
            .Case("(w.write(b'abc'), w.flush(), b.recv(10))", () =>
            {
                var n = w.write("abc"u8);
                w.flush();
                return (n, (object?)null, b.recv(10));
            })
            .Case("(rw.readable(), rw.writable(), rw.seekable(), rw.closed)", () => (rw.readable(), rw.writable(), rw.seekable(), rw.closed))
            .Case("rw.fileno()", () => rw.fileno())
            .Case("(rw.write(b'xy'), rw.flush(), b.recv(10))", () =>
            {
                var n = rw.write("xy"u8);
                rw.flush();
                return (n, (object?)null, b.recv(10));
            })
            .Case("(b.sendall(b'in\\n'), rw.readline())[1]", () =>
            {
                b.sendall("in\n"u8);
                return rw.readline();
            })
            .Case("tr.write('x')", () => tr.write("x"))
            .Case("tw.read()", () => tw.read())
            .Case("tw.readline()", () => tw.readline())
            .Case("(tr.mode, tw.mode, tr.readable(), tr.writable(), tw.readable(), tw.writable())", () => (tr.mode, tw.mode, tr.readable(), tr.writable(), tw.readable(), tw.writable()))
            .Case("(w.close(), rw.close(), tr.close(), tw.close())", () =>
            {
                w.close();
                rw.close();
                tr.close();
                tw.close();
                return (null as object, null as object, null as object, null as object);
            })
            .Case("w.write(b'x')", () => w.write("x"u8))
            .Case("w.flush()", () => w.flush())
            .Case("w.close()", () => w.close())
            .Case("rw.read()", () => rw.read())
            .Case("rw.write(b'x')", () => rw.write("x"u8))
            .Case("rw.closed", () => rw.closed)
            .Case("tr.read()", () => tr.read())
            .Case("tr.readline()", () => tr.readline())
            .Case("tw.write('a')", () => tw.write("a"))
            .Case("tw.flush()", () => tw.flush())
            .Case("(tr.closed, tr.name)", () => (tr.closed, tr.name))
            .Case("tr.fileno()", () => tr.fileno())
            .Case("a.fileno() > 0", () => a.fileno() > 0)
            .AssertSameAsPython();
        a.close();
        b.close();
    }

    [PythonFact]
    public void Closed_files_answer_readable_writable_seekable_and_isatty_like_python()
    {
        // Each io class answers from its own rules once closed: BufferedReader.writable() and
        // BufferedWriter.readable() are IOBase's plain False, seekable() goes to SocketIO ("closed socket"),
        // BufferedRWPair.seekable() is False, isatty() checks the file.
        var table = new DifferentialTable(Setup);
        foreach (var (mode, buffering) in new (string, int?)[] { ("rb", null), ("rb", 0), ("wb", null), ("rwb", null), ("r", null), ("w", null), ("rw", null) })
        {
            foreach (var method in new[] { "readable", "writable", "seekable", "isatty" })
            {
                table.Case($"exec:a, b = pair(); f = a.makefile('{mode}', buffering={(buffering is null ? "None" : "0")}); f.close(); result = f.{method}()", () =>
                {
                    var (a, b) = socketpair();
                    using (a)
                    using (b)
                    {
                        var f = a.makefile(mode, buffering);
                        f.close();
                        return method switch
                        {
                            "readable" => f.readable(),
                            "writable" => f.writable(),
                            "seekable" => f.seekable(),
                            _ => f.isatty(),
                        };
                    }
                });
            }
        }

        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Reads_accept_any_size_up_to_int_max_like_python()
    {
        // CPython allocates the size asked for without touching it; no byte[] can hold int.MaxValue bytes.
        var table = new DifferentialTable(Setup);
        foreach (var (mode, buffering, call) in new (string, int?, string)[]
        {
            ("rb", null, "read"), ("rb", null, "read1"), ("rb", null, "readline"), ("rb", 0, "read"), ("r", null, "read"),
        })
        {
            table.Case($"exec:f = fed(b'hi\\nthere').makefile('{mode}', buffering={(buffering is null ? "None" : "0")}); result = [f.{call}(2**31 - 1), f.read()]", () =>
            {
                using var a = Fed("hi\nthere"u8.ToArray());
                var f = a.makefile(mode, buffering);
                var first = call switch
                {
                    "read" => f.read(int.MaxValue),
                    "read1" => f.read1(int.MaxValue),
                    _ => f.readline(int.MaxValue),
                };
                var rest = f.read();
                f.close();
                return new[] { Value(first), Value(rest) };
            });
        }

        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Line_endings_and_characters_across_8192_byte_chunks_read_like_python()
    {
        var sb = new StringBuilder();
        sb.Append('x', 8191).Append("\r\n").Append('y', 8190).Append("\u00e9\r").Append("\rz\n").Append('w', 8189).Append("\u20ac\n\r");
        var big = Encoding.UTF8.GetBytes(sb.ToString());
        var table = new DifferentialTable(Setup + $"BIG = {Py(big)}\n");
        foreach (var (nl, pyNl) in new[] { ((string?)null, "None"), ("", "''"), ("\r", "'\\r'") })
        {
            var a1 = Fed(big);
            var a2 = Fed(big);
            table.Case($"[len(x) for x in fed(BIG).makefile('r', newline={pyNl})]", () => ((TextIOWrapper)a1.makefile("r", newline: nl)).Select(x => x.Length).ToList());
            table.Case($"fed(BIG).makefile('r', newline={pyNl}).read() == BIG.decode().replace('\\r\\n', '\\n').replace('\\r', '\\n')", () =>
                ((TextIOWrapper)a2.makefile("r", newline: nl)).read() == sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        }

        table.Case("[len(x) for x in fed(BIG).makefile('rb')]", () => ((SocketFile)Fed(big).makefile("rb")).Select(x => x.Length).ToList())
            .AssertSameAsPython();
    }
}
