using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

public sealed class SendfileTests
{
    internal static string TempFile(int size)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray());
        return path;
    }

    private static byte[] Drain(SocketObject s, int expected)
    {
        using var ms = new MemoryStream();
        while (ms.Length < expected)
        {
            var chunk = s.recv(65536);
            if (chunk.Length == 0)
            {
                break;
            }

            ms.Write(chunk);
        }

        return ms.ToArray();
    }

    [Fact]
    public async Task Sendfile_sends_a_whole_file_over_tcp_and_leaves_the_position_at_its_end()
    {
        var path = TempFile(3_000_000);
        try
        {
            var (client, server, listener) = Loopback.TcpPair();
            using (client)
            using (server)
            using (listener)
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                var reader = Task.Run(() => Drain(server, 3_000_000));
                client.sendfile(file).Should().Be(3_000_000);
                file.Position.Should().Be(3_000_000);
                (await reader.WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(File.ReadAllBytes(path));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sendfile_with_offset_and_count_sends_that_slice_and_seeks_past_it()
    {
        var path = TempFile(1000);
        try
        {
            var (client, server, listener) = Loopback.TcpPair();
            using (client)
            using (server)
            using (listener)
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                client.sendfile(file, 100, 250).Should().Be(250);
                file.Position.Should().Be(350);
                Drain(server, 250).Should().Equal(File.ReadAllBytes(path).Skip(100).Take(250));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sendfile_of_an_empty_file_sends_nothing()
    {
        var path = TempFile(0);
        try
        {
            var (a, b) = socketpair();
            using (a)
            using (b)
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                a.sendfile(file).Should().Be(0);
                file.Position.Should().Be(0);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [PythonFact]
    public void Results_and_errors_match_python()
    {
        const string setup = """
import tempfile
_f = tempfile.NamedTemporaryFile(delete=False); _f.write(bytes((i * 7) % 256 for i in range(100))); _f.close()
def fresh(): return open(_f.name, 'rb')
a, b = socketpair()
u = socket(AF_INET, SOCK_DGRAM)
""";
        var path = TempFile(100);
        try
        {
            FileStream Fresh() => new(path, FileMode.Open, FileAccess.Read);
            object? WithPair(Func<SocketObject, FileStream, object?> call)
            {
                var (a, b) = socketpair();
                using (a)
                using (b)
                using (var f = Fresh())
                {
                    return call(a, f);
                }
            }

            new DifferentialTable(setup)
                .Case("a.sendfile(fresh())", () => WithPair((a, f) => a.sendfile(f)))
                .Case("exec:f = fresh(); result = (a.sendfile(f, 90, 50), f.tell())", () => WithPair((a, f) => (a.sendfile(f, 90, 50), f.Position)))
                .Case("exec:f = fresh(); result = (a.sendfile(f, 200), f.tell())", () => WithPair((a, f) => (a.sendfile(f, 200), f.Position)))
                .Case("exec:f = fresh(); result = (a.sendfile(f, 0, 30), f.tell())", () => WithPair((a, f) => (a.sendfile(f, 0, 30), f.Position)))
                .Case("a.sendfile(fresh(), -1)", () => WithPair((a, f) => a.sendfile(f, -1)))
                .Case("a.sendfile(fresh(), 0, 0)", () => WithPair((a, f) => a.sendfile(f, 0, 0)))
                .Case("a.sendfile(fresh(), 0, -5)", () => WithPair((a, f) => a.sendfile(f, 0, -5)))
                .Case("u.sendfile(fresh())", () =>
                {
                    using var u = socket(AF_INET, SOCK_DGRAM);
                    using var f = Fresh();
                    return u.sendfile(f);
                })
                .Case("exec:n = socket(); n.setblocking(False); result = n.sendfile(fresh())", () =>
                {
                    using var n = socket();
                    n.setblocking(false);
                    using var f = Fresh();
                    return n.sendfile(f);
                })
                .Case("exec:c = socket(); c.close(); result = c.sendfile(fresh())", () =>
                {
                    var c = socket();
                    c.close();
                    using var f = Fresh();
                    return c.sendfile(f);
                })
                .Case("exec:c = socket(); c.close(); result = c.sendfile(fresh(), 0, 0)", () =>
                {
                    var c = socket();
                    c.close();
                    using var f = Fresh();
                    return c.sendfile(f, 0, 0);
                })
                .AssertSameAsPython();
        }
        finally
        {
            File.Delete(path);
        }
    }
}

[Collection(SocketTimingCollection.Name)]
public sealed class SendfileTimeoutTests
{
    [Fact]
    public void Sendfile_in_timeout_mode_raises_timed_out_when_the_peer_stops_reading()
    {
        var path = SendfileTests.TempFile(16 << 20);
        try
        {
            var (a, b) = socketpair();
            using (a)
            using (b)
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                a.settimeout(0.3);
                var sw = Stopwatch.StartNew();
                var act = () => a.sendfile(file);
                act.Should().Throw<TimeoutError>().Which.Message.Should().Be("timed out");
                sw.Elapsed.TotalSeconds.Should().BeInRange(0.2, 5);
                file.Position.Should().BeGreaterThan(0, "the bytes sent before the timeout move the position");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class SendfileFallbackTests
{
    [Fact]
    public void A_write_only_file_falls_back_to_send_and_fails_like_pythons_unsupported_read()
    {
        var path = SendfileTests.TempFile(10);
        try
        {
            var (a, b) = socketpair();
            using (a)
            using (b)
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                var act = () => a.sendfile(file);
                act.Should().Throw<ValueError>().WithMessage("read");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
