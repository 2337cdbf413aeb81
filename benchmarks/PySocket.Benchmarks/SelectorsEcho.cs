using System;
using System.Diagnostics;
using System.Globalization;
using static PySocket.Selectors;
using static PySocket.Socket;

namespace PySocket.Benchmarks;

/// <summary>
/// The selectors echo benchmark (benchmarks/selectors-echo/run.sh): a one-thread DefaultSelector echo
/// server holding N connections (the C# twin of echo_server.py), and the load client both servers are
/// measured with: N connections, each sends a 64-byte message and waits for its echo, for R rounds, all
/// multiplexed on one selector.
/// </summary>
public static class SelectorsEcho
{
    /// <summary>selectors-echo-server N: prints the port, serves until N connections have closed.</summary>
    public static void Server(int expected)
    {
        using var sel = new DefaultSelector();
        using var lsock = socket();
        lsock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        lsock.bind(("127.0.0.1", 0));
        lsock.listen(2048);
        lsock.setblocking(false);
        sel.register(lsock, EVENT_READ, null);
        Console.WriteLine(lsock.getsockname().port.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        var buffer = new byte[4096];
        var closed = 0;
        while (closed < expected)
        {
            foreach (var (key, _) in sel.select())
            {
                if (key.data is null)
                {
                    var (conn, _) = lsock.accept();
                    conn.setblocking(false);
                    sel.register(conn, EVENT_READ, 1);
                }
                else
                {
                    var conn = (SocketObject)key.fileobj;
                    var n = conn.recv_into(buffer);
                    if (n > 0)
                    {
                        conn.send(buffer.AsSpan(0, n));
                    }
                    else
                    {
                        sel.unregister(conn);
                        conn.close();
                        closed++;
                    }
                }
            }
        }
    }

    /// <summary>selectors-echo-client PORT N ROUNDS: prints connections, messages, seconds and messages/s.</summary>
    public static void Client(int port, int conns, int rounds)
    {
        var message = new byte[64];
        using var sel = new DefaultSelector();
        var socks = new SocketObject[conns];
        var received = new int[conns];
        var done = new int[conns];
        for (var i = 0; i < conns; i++)
        {
            socks[i] = create_connection(("127.0.0.1", port), timeout: 10);
            socks[i].setblocking(false);
            sel.register(socks[i], EVENT_READ, i);
        }

        var buffer = new byte[4096];
        var sw = Stopwatch.StartNew();
        foreach (var s in socks)
        {
            s.sendall(message);
        }

        var remaining = conns;
        while (remaining > 0)
        {
            foreach (var (key, _) in sel.select(10))
            {
                var i = (int)key.data!;
                var n = socks[i].recv_into(buffer);
                received[i] += n;
                if (received[i] == message.Length)
                {
                    received[i] = 0;
                    if (++done[i] == rounds)
                    {
                        sel.unregister(socks[i]);
                        remaining--;
                    }
                    else
                    {
                        socks[i].sendall(message);
                    }
                }
            }
        }

        var seconds = sw.Elapsed.TotalSeconds;
        foreach (var s in socks)
        {
            s.close();
        }

        var total = (long)conns * rounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{conns} connections, {total} echoes in {seconds:F3} s: {total / seconds:F0} echoes/s"));
    }
}
