using System;
using System.IO;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>Loopback fixtures for socket-object tests: bounded (5 s) sockets on 127.0.0.1, ::1 and AF_UNIX in a temp dir.</summary>
internal static class Loopback
{
    public const double Bound = 5.0;

    /// <summary>A listening TCP socket on an ephemeral port of <paramref name="host"/>.</summary>
    public static SocketObject Listener(int family = AF_INET, string host = "127.0.0.1")
    {
        var l = socket(family, SOCK_STREAM);
        l.settimeout(Bound);
        l.bind(family == AF_INET6 ? SockAddr.Inet6(host, 0, 0, 0) : SockAddr.Inet(host, 0));
        l.listen();
        return l;
    }

    /// <summary>A connected (client, server) TCP pair plus its listener, all with a 5 s timeout.</summary>
    public static (SocketObject Client, SocketObject Server, SocketObject Listener) TcpPair(int family = AF_INET, string host = "127.0.0.1")
    {
        var l = Listener(family, host);
        var c = socket(family, SOCK_STREAM);
        c.settimeout(Bound);
        c.connect(l.getsockname());
        var (s, _) = l.accept();
        s.settimeout(Bound);
        return (c, s, l);
    }

    /// <summary>A UDP socket bound to an ephemeral port of 127.0.0.1.</summary>
    public static SocketObject Udp()
    {
        var u = socket(AF_INET, SOCK_DGRAM);
        u.settimeout(Bound);
        u.bind(("127.0.0.1", 0));
        return u;
    }

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Dirs = CreateBag();

    /// <summary>A fresh private directory for AF_UNIX socket files (removed when the test process exits).</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pysocket-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        Dirs.Add(dir);
        return dir;
    }

    private static System.Collections.Concurrent.ConcurrentBag<string> CreateBag()
    {
        var bag = new System.Collections.Concurrent.ConcurrentBag<string>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var dir in bag)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        };
        return bag;
    }

    /// <summary>True when ::1 can be bound (IPv6 loopback usable on this machine).</summary>
    public static bool Ipv6Usable { get; } = ProbeIpv6();

    private static bool ProbeIpv6()
    {
        try
        {
            using var s = socket(AF_INET6, SOCK_STREAM);
            s.bind(("::1", 0));
            return true;
        }
        catch (OSError)
        {
            return false;
        }
    }
}
