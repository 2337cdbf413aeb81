// The socket documentation's IPv4/IPv6 echo server and client (the programs that loop over
// getaddrinfo's results), ported from echo_getaddrinfo.py next to this file: the server takes an
// ephemeral port on 127.0.0.1 and then on ::1 and serves in a thread; the client connects to it.
// Run it with: dotnet run --project samples/EchoGetaddrinfo
using System;
using System.Runtime.Versioning;
using System.Threading;
using PySocket;
using static PySocket.Socket;

[assembly: SupportedOSPlatform("linux")]

internal static class Program
{
    private static SocketObject OpenServer(string host)
    {
        // Echo server program
        SocketObject? s = null;
        foreach (var (af, socktype, proto, canonname, sa) in getaddrinfo(host, 0, AF_UNSPEC, SOCK_STREAM, 0, AI_PASSIVE))
        {
            try
            {
                s = socket(af, socktype, proto);
            }
            catch (OSError)
            {
                s = null;
                continue;
            }

            try
            {
                s.bind(sa);
                s.listen(1);
            }
            catch (OSError)
            {
                s.close();
                s = null;
                continue;
            }

            break;
        }

        if (s is null)
        {
            Console.WriteLine("could not open socket");
            Environment.Exit(1);
        }

        return s;
    }

    private static void ServeOne(SocketObject s)
    {
        var (conn, addr) = s.accept();
        using (conn)
        {
            Console.WriteLine($"Connected by {addr}");
            while (true)
            {
                var data = conn.recv(1024);
                if (data.Length == 0)
                {
                    break;
                }

                conn.send(data);
            }
        }
    }

    private static void Client(string host, int port)
    {
        // Echo client program
        SocketObject? s = null;
        foreach (var (af, socktype, proto, canonname, sa) in getaddrinfo(host, port, AF_UNSPEC, SOCK_STREAM))
        {
            try
            {
                s = socket(af, socktype, proto);
            }
            catch (OSError)
            {
                s = null;
                continue;
            }

            try
            {
                s.connect(sa);
            }
            catch (OSError)
            {
                s.close();
                s = null;
                continue;
            }

            break;
        }

        if (s is null)
        {
            Console.WriteLine("could not open socket");
            Environment.Exit(1);
        }

        byte[] received;
        string? family;
        using (s)
        {
            family = s.family.name;
            s.sendall("Hello, world"u8);
            s.shutdown(SHUT_WR);
            received = s.recv(1024);
        }

        Console.WriteLine($"Received {Py.Repr(received)} over {family}");
    }

    private static void Main()
    {
        foreach (var host in new[] { "127.0.0.1", "::1" })
        {
            using var listener = OpenServer(host);
            Console.WriteLine($"server listening on {listener.getsockname()}");
            var port = listener.getsockname().port;
            var server = new Thread(() => ServeOne(listener));
            server.Start();
            Client(host, port);
            server.Join();
        }
    }
}
