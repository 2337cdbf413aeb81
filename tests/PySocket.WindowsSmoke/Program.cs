// The Windows smoke program: a few end-to-end checks of PySocket on loopback that print one line each and a
// final "N passed, M failed" line, with exit code 1 when a check fails. tools/wine-smoke.sh publishes it
// self-contained for win-x64 and runs it under Wine; `dotnet run --project tests/PySocket.WindowsSmoke`
// runs the same checks on the machine's own OS. Expected values (errno, error text) are CPython's on the
// OS the program runs on, from shared/reference/platform-errno.tsv. Every check is bounded by a watchdog.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using static PySocket.Socket;

namespace PySocket.WindowsSmoke;

/// <summary>A check's assertion failed; the message says what was expected and what came.</summary>
internal sealed class CheckFailedException(string message) : Exception(message);

/// <summary>CPython's values on the running OS for the errors the checks provoke.</summary>
internal static class Expected
{
    public static readonly bool Windows = OperatingSystem.IsWindows();
    public static readonly bool MacOS = OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD();

    public static int ConnRefused => Windows ? 10061 : MacOS ? 61 : 111;

    public static int AddrInUse => Windows ? 10048 : MacOS ? 48 : 98;

    public static int WouldBlock => Windows ? 10035 : MacOS ? 35 : 11;

    /// <summary>A non-blocking connect_ex in progress: EINPROGRESS, and WSAEWOULDBLOCK on Windows (CPython returns the raw code).</summary>
    public static int ConnectInProgress => Windows ? 10035 : MacOS ? 36 : 115;

    public static string ConnRefusedText => Windows
        ? WinError(10061, "No connection could be made because the target machine actively refused it")
        : $"[Errno {ConnRefused}] Connection refused";

    public static string AddrInUseText => Windows
        ? WinError(10048, "Only one usage of each socket address (protocol/network address/port) is normally permitted")
        : $"[Errno {AddrInUse}] Address already in use";

    public static string WouldBlockText => Windows
        ? WinError(10035, "A non-blocking socket operation could not be completed immediately")
        : $"[Errno {WouldBlock}] Resource temporarily unavailable";

    /// <summary>
    /// str(e) of CPython's OSError for a Winsock code: "[WinError N] " and the system's message (FormatMessage,
    /// trailing dots and blanks removed, as CPython does). Wine has its own texts for some codes ("Connection
    /// refused.") and none for others ("Unknown error (0x2740)"): where it has none, real Windows' text
    /// (<paramref name="windowsText"/>, from platform-errno.tsv) is expected, as PySocket gives it.
    /// </summary>
    private static string WinError(int code, string windowsText)
    {
        var system = Marshal.GetPInvokeErrorMessage(code).TrimEnd(' ', '.', '\r', '\n', '\t');
        var text = system.Length > 0 && !system.StartsWith("Unknown error", StringComparison.Ordinal) ? system : windowsText;
        return $"[WinError {code}] {text}";
    }
}

internal sealed class LineEcho : StreamRequestHandler
{
    public override void handle()
    {
        foreach (var line in rfile)
        {
            wfile.write(line);
        }
    }
}

internal static class Program
{
    private static readonly TimeSpan CheckLimit = TimeSpan.FromSeconds(30);
    private static readonly HashSet<string> ShownErrors = [];
    private const double IoTimeout = 10.0;

    private static int Main()
    {
        Console.WriteLine($"smoke: {RuntimeInformation.OSDescription}; Environment.OSVersion {Environment.OSVersion}; " +
                          $"{RuntimeInformation.RuntimeIdentifier}; .NET {Environment.Version}");
        var checks = new List<(string Name, Func<string> Body)>();
        checks.Add(("Platform.Layer", CheckLayer));
        checks.Add(("tcp echo (socket/bind/listen/accept/connect/sendall/recv)", TcpEcho));
        checks.Add(("udp echo (sendto/recvfrom)", UdpEcho));
        checks.Add(("settimeout(0.2) recv on a silent socket -> TimeoutError('timed out')", Timeout));
        checks.Add(("connect to a closed port -> ConnectionRefusedError", Refused));
        checks.Add(("connect_ex to a closed port -> errno", RefusedEx));
        checks.Add(("non-blocking connect_ex -> in progress, then connected", ConnectInProgress));
        checks.Add(("bind to a port in use -> OSError(EADDRINUSE)", AddressInUse));
        checks.Add(("non-blocking recv with no data -> BlockingIOError", WouldBlock));
        checks.Add(("socketpair() with the default family (AF_UNIX, or AF_INET where it is absent)", SocketPair));
        checks.Add(("getaddrinfo('localhost', 80) has ('127.0.0.1', 80)", GetAddrInfoLocalhost));
        checks.Add(("ThreadingTCPServer + StreamRequestHandler line echo", ThreadingServerEcho));
        checks.Add(("create_connection(('localhost', port), timeout) + makefile", CreateConnection));
        checks.Add(("select.select on a UDP socket (timeout 0, then a datagram)", SelectCheck));

        int passed = 0, failed = 0;
        foreach (var (name, body) in checks)
        {
            if (Run(name, body))
            {
                passed++;
            }
            else
            {
                failed++;
            }
        }

        Console.WriteLine($"{passed} passed, {failed} failed");
        Console.Out.Flush();

        // A hung check leaves its thread behind: leave without waiting for it.
        Environment.Exit(failed == 0 ? 0 : 1);
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Runs one check on its own thread, bounded by <see cref="CheckLimit"/>, and prints its line.</summary>
    private static bool Run(string name, Func<string> body)
    {
        string? detail = null;
        Exception? error = null;
        var watch = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            try
            {
                detail = body();
            }
            catch (Exception e)
            {
                error = e;
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        if (!thread.Join(CheckLimit))
        {
            Console.WriteLine($"FAIL {name}: hung (no result after {CheckLimit.TotalSeconds:0} s)");
            return false;
        }

        var took = $"{watch.Elapsed.TotalSeconds:0.000} s";
        if (error is null)
        {
            Console.WriteLine($"ok   {name}: {detail} [{took}]");
            return true;
        }

        if (error is CheckFailedException)
        {
            Console.WriteLine($"FAIL {name}: {error.Message} [{took}]");
            return false;
        }

        Console.WriteLine($"FAIL {name}: unexpected {error.GetType().FullName}: {error.Message} [{took}]");
        if (!ShownErrors.Add($"{error.GetType().FullName}: {error.Message}"))
        {
            Console.WriteLine("       (stack as above)");
            return false;
        }

        foreach (var line in error.ToString().Split('\n').Take(30))
        {
            Console.WriteLine("       " + line.TrimEnd('\r'));
        }

        return false;
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new CheckFailedException(what);
        }
    }

    /// <summary>Runs <paramref name="action"/> and returns the exception it raises, or fails when it raises none.</summary>
    private static Exception Raises(Action action, string what)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new CheckFailedException($"{what}: no exception was raised");
    }

    private static string Describe(Exception e) =>
        e is OSError os ? $"{e.GetType().Name}(errno={os.errno?.ToString() ?? "None"}, str='{os.Message}')" : $"{e.GetType().FullName}: {e.Message}";

    /// <summary>Checks class, errno and str() of an OSError against CPython's on this OS.</summary>
    private static string ExpectOSError<T>(Exception e, int errno, string text)
        where T : OSError
    {
        if (e is not OSError os)
        {
            throw new CheckFailedException($"expected {typeof(T).Name}, got {e.GetType().FullName}: {e.Message}\n{e}");
        }

        Expect(e.GetType() == typeof(T), $"expected {typeof(T).Name}, got {Describe(e)}");
        Expect(os.errno == errno, $"expected errno {errno}, got {Describe(e)}");
        Expect(os.Message == text, $"expected str(e) '{text}', got {Describe(e)}");
        return Describe(e);
    }

    private static string CheckLayer()
    {
        var value = PySocket.Platform.Layer;
        var expected = OperatingSystem.IsLinux() ? null : "portable";
        Expect(value is "native" or "portable", $"Layer is '{value}', expected 'native' or 'portable'");
        Expect(expected is null || value == expected, $"Layer is '{value}', expected '{expected}' on this OS");
        return $"'{value}'";
    }

    private static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(i * 7 + (i >> 8));
        }

        return data;
    }

    private static byte[] RecvExactly(SocketObject s, int length)
    {
        var received = new List<byte>(length);
        while (received.Count < length)
        {
            var chunk = s.recv(Math.Min(65536, length - received.Count));
            Expect(chunk.Length > 0, $"connection closed after {received.Count} of {length} bytes");
            received.AddRange(chunk);
        }

        return received.ToArray();
    }

    private static string TcpEcho()
    {
        const int size = 200_000;
        var payload = Pattern(size);
        using var listener = socket(AF_INET, SOCK_STREAM);
        listener.settimeout(IoTimeout);
        listener.bind(("127.0.0.1", 0));
        listener.listen();
        var (host, port) = listener.getsockname();
        Expect(host == "127.0.0.1" && port > 0, $"getsockname() gave {listener.getsockname()}");

        Exception? serverError = null;
        SockAddr? accepted = null;
        var server = new Thread(() =>
        {
            try
            {
                var (conn, address) = listener.accept();
                accepted = address;
                using (conn)
                {
                    conn.settimeout(IoTimeout);
                    conn.sendall(RecvExactly(conn, size));
                }
            }
            catch (Exception e)
            {
                serverError = e;
            }
        })
        { IsBackground = true };
        server.Start();

        using var client = socket(AF_INET, SOCK_STREAM);
        client.settimeout(IoTimeout);
        client.connect(("127.0.0.1", port));
        client.sendall(payload);
        var echoed = RecvExactly(client, size);
        Expect(server.Join(TimeSpan.FromSeconds(IoTimeout)), "server thread did not finish");
        if (serverError is not null)
        {
            throw new CheckFailedException($"server side raised {Describe(serverError)}\n{serverError}");
        }

        Expect(echoed.AsSpan().SequenceEqual(payload), "echoed bytes differ from those sent");
        Expect(client.recv(16).Length == 0, "expected b'' at end of stream");
        Expect(accepted == client.getsockname(), $"accept() address {accepted} != client getsockname() {client.getsockname()}");
        Expect(client.getpeername() == listener.getsockname(), $"getpeername() {client.getpeername()} != {listener.getsockname()}");
        return $"{size} bytes echoed, peer {accepted}";
    }

    private static string UdpEcho()
    {
        using var server = socket(AF_INET, SOCK_DGRAM);
        using var client = socket(AF_INET, SOCK_DGRAM);
        server.settimeout(IoTimeout);
        client.settimeout(IoTimeout);
        server.bind(("127.0.0.1", 0));
        client.bind(("127.0.0.1", 0));
        var payload = Encoding.ASCII.GetBytes("datagram from PySocket");
        client.sendto(payload, server.getsockname());
        var (data, sender) = server.recvfrom(2048);
        Expect(data.AsSpan().SequenceEqual(payload), $"server received {data.Length} bytes, not the datagram sent");
        Expect(sender == client.getsockname(), $"recvfrom() sender {sender} != client getsockname() {client.getsockname()}");
        server.sendto(data, sender);
        var (reply, from) = client.recvfrom(2048);
        Expect(reply.AsSpan().SequenceEqual(payload), "client received a different reply");
        Expect(from == server.getsockname(), $"reply from {from} != server {server.getsockname()}");
        return $"{payload.Length} bytes each way, sender {sender}";
    }

    private static string Timeout()
    {
        using var s = socket(AF_INET, SOCK_DGRAM);
        s.bind(("127.0.0.1", 0));
        s.settimeout(0.2);
        Expect(s.gettimeout() == 0.2, $"gettimeout() gave {s.gettimeout()}");
        var watch = Stopwatch.StartNew();
        var e = Raises(() => s.recv(16), "recv on a silent socket with a 0.2 s timeout");
        var elapsed = watch.Elapsed.TotalSeconds;
        Expect(e.GetType() == typeof(TimeoutError), $"expected TimeoutError, got {Describe(e)}\n{e}");
        var os = (OSError)e;
        Expect(os.Message == "timed out", $"expected str(e) 'timed out', got {Describe(e)}");
        Expect(os.errno is null, $"expected errno None, got {Describe(e)}");
        Expect(elapsed is >= 0.15 and <= 0.6, $"raised after {elapsed:0.000} s, expected 0.15..0.6 s");
        return $"{Describe(e)} after {elapsed:0.000} s";
    }

    /// <summary>A port that refuses connections: bound (so nobody else takes it) but not listening.</summary>
    private static SocketObject ClosedPort(out int port)
    {
        var holder = socket(AF_INET, SOCK_STREAM);
        holder.bind(("127.0.0.1", 0));
        (_, port) = holder.getsockname();
        return holder;
    }

    private static string Refused()
    {
        using var holder = ClosedPort(out var port);
        using var client = socket(AF_INET, SOCK_STREAM);
        client.settimeout(IoTimeout);
        var e = Raises(() => client.connect(("127.0.0.1", port)), "connect to a bound, non-listening port");
        return ExpectOSError<ConnectionRefusedError>(e, Expected.ConnRefused, Expected.ConnRefusedText);
    }

    private static string RefusedEx()
    {
        using var holder = ClosedPort(out var port);
        using var client = socket(AF_INET, SOCK_STREAM);
        var rc = client.connect_ex(("127.0.0.1", port));
        Expect(rc == Expected.ConnRefused, $"connect_ex returned {rc}, expected {Expected.ConnRefused}");
        return $"{rc}";
    }

    private static string ConnectInProgress()
    {
        using var listener = socket(AF_INET, SOCK_STREAM);
        listener.bind(("127.0.0.1", 0));
        listener.listen();
        using var client = socket(AF_INET, SOCK_STREAM);
        client.setblocking(false);
        var rc = client.connect_ex(listener.getsockname());
        Expect(rc == Expected.ConnectInProgress, $"connect_ex returned {rc}, expected {Expected.ConnectInProgress}");
        client.settimeout(IoTimeout);
        listener.settimeout(IoTimeout);
        var (conn, _) = listener.accept();
        using (conn)
        {
            client.sendall("x"u8);
            Expect(conn.recv(1).Length == 1, "the connection made by the non-blocking connect carried no data");
        }

        return $"{rc}";
    }

    private static string AddressInUse()
    {
        using var first = socket(AF_INET, SOCK_STREAM);
        first.bind(("127.0.0.1", 0));
        first.listen();
        var (_, port) = first.getsockname();
        using var second = socket(AF_INET, SOCK_STREAM);
        var e = Raises(() => second.bind(("127.0.0.1", port)), "bind to a port another socket listens on");
        return ExpectOSError<OSError>(e, Expected.AddrInUse, Expected.AddrInUseText);
    }

    private static string WouldBlock()
    {
        using var s = socket(AF_INET, SOCK_DGRAM);
        s.bind(("127.0.0.1", 0));
        s.setblocking(false);
        Expect(s.gettimeout() == 0.0, $"gettimeout() after setblocking(False) gave {s.gettimeout()}");
        var e = Raises(() => s.recv(16), "non-blocking recv with nothing queued");
        return ExpectOSError<BlockingIOError>(e, Expected.WouldBlock, Expected.WouldBlockText);
    }

    private static string SocketPair()
    {
        var (a, b) = socketpair();
        using (a)
        using (b)
        {
            a.settimeout(IoTimeout);
            b.settimeout(IoTimeout);
            var expected = Expected.Windows ? AF_INET : AF_UNIX;
            Expect((int)a.family == expected, $"family {(int)a.family}, expected {expected}");
            a.sendall("ping"u8);
            Expect(b.recv(16).AsSpan().SequenceEqual("ping"u8), "b did not receive what a sent");
            b.sendall("pong"u8);
            Expect(a.recv(16).AsSpan().SequenceEqual("pong"u8), "a did not receive what b sent");
            return $"family {(int)a.family}, both ways";
        }
    }

    private static string GetAddrInfoLocalhost()
    {
        var entries = getaddrinfo("localhost", 80);
        var shown = string.Join(", ", entries.Select(e => $"({(int)e.family}, {(int)e.type}, {e.proto}, '{e.canonname}', {e.sockaddr})"));
        Expect(entries.Count >= 1, "getaddrinfo returned no entries");
        Expect(
            entries.Any(e => (int)e.family == AF_INET && e.sockaddr.host == "127.0.0.1" && e.sockaddr.port == 80),
            $"no AF_INET entry ('127.0.0.1', 80) in [{shown}]");
        return $"{entries.Count} entries: [{shown}]";
    }

    private static string CreateConnection()
    {
        using var listener = socket(AF_INET, SOCK_STREAM);
        listener.settimeout(IoTimeout);
        listener.bind(("127.0.0.1", 0));
        listener.listen();
        var (_, port) = listener.getsockname();
        using var client = create_connection(("localhost", port), timeout: IoTimeout);
        Expect(client.gettimeout() == IoTimeout, $"gettimeout() gave {client.gettimeout()}, expected {IoTimeout}");
        var (conn, _) = listener.accept();
        using (conn)
        using (var writer = (SocketFile)conn.makefile("wb"))
        using (var reader = (SocketFile)client.makefile("rb"))
        {
            writer.write("line one\nline two\n"u8.ToArray());
            writer.flush();
            var first = Encoding.ASCII.GetString(reader.readline());
            var second = Encoding.ASCII.GetString(reader.readline());
            Expect(first == "line one\n" && second == "line two\n", $"readline() gave '{first}', '{second}'");
        }

        return $"connected to {client.getpeername()} from {client.getsockname()}";
    }

    private static (bool Read, bool Write, bool Except) CallSelect(SocketObject s, bool read, bool write, double timeout)
    {
        SocketObject[] none = [];
        SocketObject[] one = [s];
        var (r, w, x) = Select.select(read ? one : none, write ? one : none, none, timeout);
        return (r.Contains(s), w.Contains(s), x.Contains(s));
    }

    private static string SelectCheck()
    {
        using var s = socket(AF_INET, SOCK_DGRAM);
        using var sender = socket(AF_INET, SOCK_DGRAM);
        s.bind(("127.0.0.1", 0));
        var idle = CallSelect(s, read: true, write: false, 0.0);
        Expect(!idle.Read, "select() reported an idle socket readable");
        var writable = CallSelect(s, read: false, write: true, 0.0);
        Expect(writable.Write, "select() did not report a UDP socket writable");
        sender.sendto("ping"u8.ToArray(), s.getsockname());
        var watch = Stopwatch.StartNew();
        var ready = CallSelect(s, read: true, write: false, IoTimeout);
        Expect(ready.Read, $"select() did not report the socket readable after a datagram ({watch.Elapsed.TotalSeconds:0.000} s)");
        Expect(s.recv(16).AsSpan().SequenceEqual("ping"u8), "the datagram select() announced differs");
        return "idle: not readable; writable; readable after a datagram";
    }

    private static string ThreadingServerEcho()
    {
        using var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new LineEcho());
        Exception? serveError = null;
        var serving = new Thread(() =>
        {
            try
            {
                server.serve_forever(0.05);
            }
            catch (Exception e)
            {
                serveError = e;
            }
        })
        { IsBackground = true };
        serving.Start();
        var (host, port) = server.server_address;
        var lines = new[] { "hello\n", "echo from PySocket\n", "goodbye\n" };
        var replies = new List<string>();
        try
        {
            using var client = socket(AF_INET, SOCK_STREAM);
            client.settimeout(IoTimeout);
            client.connect((host, port));
            using var reader = (SocketFile)client.makefile("rb");
            foreach (var line in lines)
            {
                client.sendall(Encoding.ASCII.GetBytes(line));
                replies.Add(Encoding.ASCII.GetString(reader.readline()));
            }
        }
        catch (Exception e) when (serveError is not null)
        {
            throw new CheckFailedException($"serve_forever raised {Describe(serveError)}\n{serveError}\nand the client then {Describe(e)}");
        }
        finally
        {
            server.shutdown();
            serving.Join(TimeSpan.FromSeconds(IoTimeout));
        }

        if (serveError is not null)
        {
            throw new CheckFailedException($"serve_forever raised {Describe(serveError)}\n{serveError}");
        }

        Expect(replies.SequenceEqual(lines), $"replies [{string.Join("|", replies)}] differ from the lines sent");
        return $"{lines.Length} lines echoed by {server.server_address}";
    }
}
