using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>
/// repr(socket) in every state, compared with python3's. Descriptor numbers, ephemeral ports and temp paths
/// differ between the two processes, so both sides are normalised the same way before comparing.
/// </summary>
public sealed partial class SocketReprDifferentialTests
{
    private const string Scenarios = """
import os, tempfile
d = tempfile.mkdtemp()
def reprs():
    out = []
    s = socket(); out.append(repr(s)); s.close(); out.append(repr(s))
    s = socket(AF_INET6, SOCK_DGRAM); out.append(repr(s)); s.bind(('::1', 0)); out.append(repr(s)); s.close()
    s = socket(AF_INET, SOCK_DGRAM); s.bind(('127.0.0.1', 0)); out.append(repr(s)); s.close()
    l = socket(); l.bind(('127.0.0.1', 0)); l.listen(); out.append(repr(l))
    c = create_connection(l.getsockname(), timeout=5); a, _ = l.accept()
    out.append(repr(c)); out.append(repr(a))
    c.shutdown(SHUT_RDWR); out.append(repr(c))
    a.detach(); out.append(repr(a))
    for x in (c, l): x.close()
    s = socket(AF_UNIX); out.append(repr(s)); s.bind(os.path.join(d, 'r.sock')); out.append(repr(s)); s.close()
    s = socket(AF_UNIX); s.bind(''); out.append(repr(s)); s.close()
    s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK); out.append(repr(s)); s.close()
    return out
""";

    [PythonFact]
    public void Repr_matches_python_in_every_state()
    {
        var python = Python.Evaluate(Scenarios, ["reprs()"])[0]!["value"]!.AsArray().Select(n => n!.GetValue<string>());
        Normalise(python).Should().Equal(Normalise(Reprs()));
    }

    private static List<string> Reprs()
    {
        var dir = Loopback.TempDir();
        var seen = new List<string>();
        var s = socket(); seen.Add(s.ToString()); s.close(); seen.Add(s.ToString());
        s = socket(AF_INET6, SOCK_DGRAM); seen.Add(s.ToString()); s.bind(("::1", 0)); seen.Add(s.ToString()); s.close();
        s = socket(AF_INET, SOCK_DGRAM); s.bind(("127.0.0.1", 0)); seen.Add(s.ToString()); s.close();
        var l = socket(); l.bind(("127.0.0.1", 0)); l.listen(); seen.Add(l.ToString());
        var c = create_connection(l.getsockname(), timeout: 5); var (a, _) = l.accept();
        seen.Add(c.ToString()); seen.Add(a.ToString());
        c.shutdown(SHUT_RDWR); seen.Add(c.ToString());
        var fd = a.detach(); seen.Add(a.ToString()); close(fd);
        c.close(); l.close();
        s = socket(AF_UNIX); seen.Add(s.ToString()); s.bind(Path.Combine(dir, "r.sock")); seen.Add(s.ToString()); s.close();
        s = socket(AF_UNIX); s.bind(""); seen.Add(s.ToString()); s.close();
        s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK); seen.Add(s.ToString()); s.close();
        return seen;
    }

    // fd=7 -> fd=N (fd=-1 kept), ('127.0.0.1', 41234 -> ('127.0.0.1', P, temp paths -> PATH, autobind names -> b'\x00ABS'.
    private static IEnumerable<string> Normalise(IEnumerable<string> reprs) => reprs.Select(r =>
        AbstractName().Replace(SocketPath().Replace(Port().Replace(Fd().Replace(r, "fd=N"), "$1P"), "=PATH"), "b'\\x00ABS'"));

    [GeneratedRegex(@"fd=(?!-1)\d+")]
    private static partial Regex Fd();

    [GeneratedRegex(@"('[^']*', )\d+")]
    private static partial Regex Port();

    [GeneratedRegex(@"=/[^,>]*r\.sock")]
    private static partial Regex SocketPath();

    [GeneratedRegex(@"b'\\x00[^']*'")]
    private static partial Regex AbstractName();
}
