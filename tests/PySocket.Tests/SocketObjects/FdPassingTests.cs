using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Win32.SafeHandles;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class FdPassingTests
{
    private static string ReadFromDescriptor(int fd)
    {
        using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
        stream.Seek(0, SeekOrigin.Begin);
        return new StreamReader(stream).ReadToEnd();
    }

    [Fact]
    public void Send_fds_and_recv_fds_pass_descriptors_with_the_data()
    {
        var dir = Loopback.TempDir();
        try
        {
            var path = Path.Combine(dir, "payload.txt");
            File.WriteAllText(path, "file contents");
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
            var (a, b) = socketpair();
            using (a)
            using (b)
            {
                a.settimeout(Loopback.Bound);
                b.settimeout(Loopback.Bound);
                send_fds(a, [Encoding.ASCII.GetBytes("he"), Encoding.ASCII.GetBytes("llo")], [(int)file.SafeFileHandle.DangerousGetHandle()]).Should().Be(5);
                var (data, fds, flags, address) = recv_fds(b, 100, 4);
                Encoding.ASCII.GetString(data).Should().Be("hello");
                fds.Should().ContainSingle();
                flags.Should().Be(0);
                address.Should().BeNull();
                ReadFromDescriptor(fds[0]).Should().Be("file contents");
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Recv_fds_with_room_for_fewer_descriptors_returns_those_and_MSG_CTRUNC()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            b.settimeout(Loopback.Bound);
            send_fds(a, [[1]], [a.fileno(), a.fileno(), a.fileno()]);
            var (_, fds, flags, _) = recv_fds(b, 10, 2);
            fds.Should().HaveCount(2);
            flags.Should().Be(MSG_CTRUNC);
            foreach (var fd in fds)
            {
                close(fd);
            }
        }
    }

    [Fact]
    public void Send_fds_ignores_flags_and_address_as_socket_py_does()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            b.settimeout(Loopback.Bound);
            send_fds(a, [[1]], [a.fileno()], MSG_OOB, "/nonexistent/address").Should().Be(1);
            var (_, fds, _, _) = recv_fds(b, 10, 1, MSG_PEEK);
            fds.Should().ContainSingle();
            close(fds[0]);
        }
    }

    [PythonFact]
    public void Argument_errors_match_python()
    {
        new DifferentialTable("a, b = socketpair()\nc, d = socketpair(); c.close()")
            .Case("recv_fds(a, -1, 1)", () => Pair(s => recv_fds(s, -1, 1)))
            .Case("recv_fds(a, 1, -1)", () => Pair(s => recv_fds(s, 1, -1)))
            .Case("recv_fds(a, 1, 2**29)", () => Pair(s => recv_fds(s, 1, 1 << 29)))
            .Case("send_fds(a, [b'x'], [-1])", () => Pair(s => send_fds(s, [[1]], [-1])))
            .Case("send_fds(a, None, [1])", () => Pair(s => send_fds(s, null!, [1])))
            .Case("send_fds(c, [b'x'], [1])", () =>
            {
                var (x, y) = socketpair();
                using (y)
                {
                    x.close();
                    return send_fds(x, [[1]], [1]);
                }
            })
            .AssertSameAsPython();
    }

    private static object? Pair(Func<SocketObject, object?> call)
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            return call(a);
        }
    }

    [PythonFact]
    public void Descriptors_pass_both_ways_between_python3_and_pysocket_over_an_af_unix_socket()
    {
        var dir = Loopback.TempDir();
        try
        {
            var sockPath = Path.Combine(dir, "s");
            var ourFile = Path.Combine(dir, "dotnet.txt");
            File.WriteAllText(ourFile, "written by PySocket's side");
            using var listener = socket(AF_UNIX, SOCK_STREAM);
            listener.settimeout(Loopback.Bound);
            listener.bind(sockPath);
            listener.listen();

            const string peer = """
import socket, sys, os, json, tempfile
path, tmpdir = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(path)
fname = os.path.join(tmpdir, 'python.txt')
with open(fname, 'w') as f: f.write('written by python3')
fd = os.open(fname, os.O_RDONLY)
sent = socket.send_fds(s, [b'from ', b'python3'], [fd, fd])
os.close(fd)
msg, fds, flags, addr = socket.recv_fds(s, 100, 4)
texts = []
for x in fds:
    os.lseek(x, 0, 0)
    texts.append(os.read(x, 100).decode())
    os.close(x)
print(json.dumps({'sent': sent, 'msg': msg.decode(), 'texts': texts, 'flags': flags, 'addr': addr}))
""";
            var python = Task.Run(() => Python.Run(peer, TimeSpan.FromSeconds(30), [sockPath, dir]));
            var (conn, _) = listener.accept();
            using (conn)
            {
                conn.settimeout(Loopback.Bound);
                var (data, fds, flags, address) = recv_fds(conn, 100, 4);
                Encoding.ASCII.GetString(data).Should().Be("from python3");
                flags.Should().Be(0);
                address.Should().BeNull();
                fds.Should().HaveCount(2);
                fds.Select(ReadFromDescriptor).Should().Equal("written by python3", "written by python3");

                using var file = new FileStream(ourFile, FileMode.Open, FileAccess.Read);
                send_fds(conn, [Encoding.ASCII.GetBytes("from PySocket")], [(int)file.SafeFileHandle.DangerousGetHandle()]).Should().Be(13);
            }

            python.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
            var result = System.Text.Json.Nodes.JsonNode.Parse(python.Result)!;
            ((int)result["sent"]!).Should().Be(12);
            ((string)result["msg"]!).Should().Be("from PySocket");
            result["texts"]!.AsArray().Select(t => (string)t!).Should().Equal("written by PySocket's side");
            ((int)result["flags"]!).Should().Be(0);
            ((string)result["addr"]!).Should().Be(sockPath); // the kernel names the bound sender; our unbound peer gave None
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
