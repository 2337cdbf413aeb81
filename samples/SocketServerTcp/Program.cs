// The socketserver documentation's "socketserver.TCPServer Example", ported from
// tcp_server_and_client.py next to this file (both handler variants; the server runs on an
// ephemeral port in a thread, and the client sends fixed messages).
// Run it with: dotnet run --project samples/SocketServerTcp
using System;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using PySocket;
using static PySocket.Socket;

[assembly: SupportedOSPlatform("linux")]

/// <summary>
/// The request handler class for our server. It is instantiated once per connection to the
/// server, and must override the handle() method to implement communication to the client.
/// </summary>
internal sealed class MyTCPHandler : BaseRequestHandler
{
    public override void handle()
    {
        // self.request is the TCP socket connected to the client
        var request = (SocketObject)this.request;
        var data = Py.Strip(request.recv(1024));
        Console.WriteLine($"{client_address!.host} wrote:");
        Console.WriteLine(Py.Repr(data));
        // just send back the same data, but upper-cased
        request.sendall(Py.Upper(data));
    }
}

/// <summary>The documentation's alternative handler: streams (file-like objects) instead of recv().</summary>
internal sealed class MyStreamTCPHandler : StreamRequestHandler
{
    public override void handle()
    {
        // rfile is a file-like object created by the handler;
        // we can now use e.g. readline() instead of raw recv() calls
        var data = Py.Strip(rfile.readline());
        Console.WriteLine($"{client_address!.host} wrote:");
        Console.WriteLine(Py.Repr(data));
        // Likewise, wfile is a file-like object used to write back to the client
        wfile.write(Py.Upper(data));
    }
}

internal static class Program
{
    private static void Client(string host, int port, string data)
    {
        // Create a socket (SOCK_STREAM means a TCP socket)
        string received;
        using (var sock = socket(AF_INET, SOCK_STREAM))
        {
            // Connect to server and send data
            sock.connect((host, port));
            sock.sendall(Encoding.UTF8.GetBytes(data + "\n"));

            // Receive data from the server and shut down
            received = Encoding.UTF8.GetString(sock.recv(1024));
        }

        Console.WriteLine($"Sent:     {data}");
        Console.WriteLine($"Received: {received}");
    }

    private static void Main()
    {

        foreach (var (name, handler) in new (string, Func<BaseRequestHandler>)[]
        {
            ("MyTCPHandler", () => new MyTCPHandler()),
            ("MyStreamTCPHandler", () => new MyStreamTCPHandler()),
        })
        {
            // Create the server, binding to 127.0.0.1 on an ephemeral port
            using var server = new TCPServer(("127.0.0.1", 0), handler);
            Console.WriteLine($"{name} serving on {server.server_address}");
            var serving = new Thread(() => server.serve_forever(0.05));
            serving.Start();
            var (host, port) = server.server_address;
            Client(host, port, "hello world");
            Client(host, port, "python's socketserver, in C#");
            server.shutdown();
            serving.Join();
        }
    }
}
