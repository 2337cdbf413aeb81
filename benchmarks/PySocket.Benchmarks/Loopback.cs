using System;
using System.Net;
using System.Threading;
using NetAddressFamily = System.Net.Sockets.AddressFamily;
using NetProtocolType = System.Net.Sockets.ProtocolType;
using NetSocket = System.Net.Sockets.Socket;
using NetSocketType = System.Net.Sockets.SocketType;

namespace PySocket.Benchmarks;

/// <summary>Connected loopback TCP pairs and helper threads shared by the benchmarks.</summary>
internal static class Loopback
{
    /// <summary>A connected raw .NET pair over 127.0.0.1 with TCP_NODELAY on both ends.</summary>
    public static (NetSocket Client, NetSocket Server) RawPair()
    {
        using var listener = new NetSocket(NetAddressFamily.InterNetwork, NetSocketType.Stream, NetProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new NetSocket(NetAddressFamily.InterNetwork, NetSocketType.Stream, NetProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        server.NoDelay = true;
        return (client, server);
    }

    /// <summary>A connected PySocket pair over 127.0.0.1 with TCP_NODELAY on both ends.</summary>
    public static (SocketObject Client, SocketObject Server) PyPair()
    {
        using var listener = Socket.socket(Socket.AF_INET, Socket.SOCK_STREAM);
        listener.bind(("127.0.0.1", 0));
        listener.listen(1);
        var client = Socket.socket(Socket.AF_INET, Socket.SOCK_STREAM);
        client.setsockopt(Socket.IPPROTO_TCP, Socket.TCP_NODELAY, 1);
        client.connect(listener.getsockname());
        var (server, _) = listener.accept();
        server.setsockopt(Socket.IPPROTO_TCP, Socket.TCP_NODELAY, 1);
        return (client, server);
    }

    /// <summary>Starts a background thread that runs <paramref name="body"/> until it throws (the socket was closed).</summary>
    public static Thread Background(Action body)
    {
        var t = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception)
            {
                // The benchmark closed the socket: the helper thread ends.
            }
        })
        { IsBackground = true };
        t.Start();
        return t;
    }
}
