// The socketserver documentation's "Asynchronous Mixins" example (ThreadingMixIn), ported from
// threaded_server.py next to this file. C# has no mixins: a server becomes threading by setting
// its mixin to a ThreadingMixIn, which is what ThreadedTCPServer below does.
// Run it with: dotnet run --project samples/SocketServerThreaded
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using PySocket;
using static PySocket.Socket;

[assembly: SupportedOSPlatform("linux")]

internal sealed class ThreadedTCPRequestHandler : BaseRequestHandler
{
    public override void handle()
    {
        var request = (SocketObject)this.request;
        var data = Encoding.ASCII.GetString(request.recv(1024));
        var cur_thread = Thread.CurrentThread;
        int number;
        lock (Program.RequestThreads)
        {
            Program.RequestThreads.Add(cur_thread);
            number = Program.RequestThreads.Count;
        }

        var response = Encoding.ASCII.GetBytes($"request thread {number}: {data}");
        request.sendall(response);
    }
}

/// <summary>class ThreadedTCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer): pass</summary>
internal sealed class ThreadedTCPServer : TCPServer
{
    public ThreadedTCPServer(SockAddr serverAddress, Func<BaseRequestHandler> handlerFactory)
        : base(serverAddress, handlerFactory) => mixin = new ThreadingMixIn();
}

internal static class Program
{
    public static readonly List<Thread> RequestThreads = [];

    private static void Client(string ip, int port, string message)
    {
        using var sock = socket(AF_INET, SOCK_STREAM);
        sock.connect((ip, port));
        sock.sendall(Encoding.ASCII.GetBytes(message));
        var response = Encoding.ASCII.GetString(sock.recv(1024));
        Console.WriteLine($"Received: {response}");
    }

    private static void Main()
    {
        var mainThread = Thread.CurrentThread;
        Thread server_thread;
        // Port 0 means to select an arbitrary unused port
        using (var server = new ThreadedTCPServer(("127.0.0.1", 0), () => new ThreadedTCPRequestHandler()))
        {
            var (ip, port) = server.server_address;

            // Start a thread with the server -- that thread will then start one
            // more thread for each request
            server_thread = new Thread(() => server.serve_forever(0.05))
            {
                // Exit the server thread when the main thread terminates
                IsBackground = true,
            };
            server_thread.Start();
            Console.WriteLine($"Server loop running in a thread: {(server_thread != mainThread ? "True" : "False")}");

            Client(ip, port, "Hello World 1");
            Client(ip, port, "Hello World 2");
            Client(ip, port, "Hello World 3");

            server.shutdown();
        }

        var others = new[] { mainThread, server_thread };
        Console.WriteLine($"requests: {RequestThreads.Count}");
        var ownThreads = RequestThreads.Distinct().Count() == RequestThreads.Count && !RequestThreads.Intersect(others).Any();
        Console.WriteLine($"each on a thread of its own: {(ownThreads ? "True" : "False")}");
    }
}
