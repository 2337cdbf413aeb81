// The socketserver documentation's "socketserver.UDPServer Example", ported from
// udp_server_and_client.py next to this file (the server runs on an ephemeral port in a thread,
// and the client sends fixed messages).
// Run it with: dotnet run --project samples/SocketServerUdp
using System;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using PySocket;
using static PySocket.Socket;

[assembly: SupportedOSPlatform("linux")]

/// <summary>
/// This class works similar to the TCP handler class, except that request consists of a pair of
/// data and client socket, and since there is no connection the client address must be given
/// explicitly when sending data back via sendto().
/// </summary>
internal sealed class MyUDPHandler : BaseRequestHandler
{
    public override void handle()
    {
        var (packet, socket) = ((byte[], SocketObject))request;
        var data = Py.Strip(packet);
        Console.WriteLine($"{client_address!.host} wrote:");
        Console.WriteLine(Py.Repr(data));
        socket.sendto(Py.Upper(data), client_address);
    }
}

internal static class Program
{
    private static void Client(string host, int port, string data)
    {
        // SOCK_DGRAM is the socket type to use for UDP sockets
        string received;
        using (var sock = socket(AF_INET, SOCK_DGRAM))
        {
            // As you can see, there is no connect() call; UDP has no connections.
            // Instead, data is directly sent to the recipient via sendto().
            sock.settimeout(5.0); // not in the documentation: a lost datagram must not hang the sample
            sock.sendto(Encoding.UTF8.GetBytes(data + "\n"), (host, port));
            received = Encoding.UTF8.GetString(sock.recv(1024));
        }

        Console.WriteLine($"Sent:     {data}");
        Console.WriteLine($"Received: {received}");
    }

    private static void Main()
    {
        using var server = new UDPServer(("127.0.0.1", 0), () => new MyUDPHandler());
        Console.WriteLine($"UDP server on {server.server_address}");
        var serving = new Thread(() => server.serve_forever(0.05));
        serving.Start();
        var (host, port) = server.server_address;
        Client(host, port, "hello world");
        Client(host, port, "a datagram each way");
        server.shutdown();
        serving.Join();
    }
}
