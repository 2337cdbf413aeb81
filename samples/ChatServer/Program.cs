// A line-based chat server over ThreadingTCPServer, ported from chat_server.py next to this file:
// a client sends its name, then lines; the server tells everyone who joins and leaves and relays
// each line to the others. Three clients play a short conversation, each waiting for what it
// should receive, so the output is the same on every run.
// Run it with: dotnet run --project samples/ChatServer
using System;
using System.Collections.Generic;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using PySocket;
using static PySocket.Socket;

[assembly: SupportedOSPlatform("linux")]

internal sealed class ChatServer : ThreadingTCPServer
{
    public ChatServer(SockAddr serverAddress)
        : base(serverAddress, () => new ChatHandler())
    {
    }

    public object Lock { get; } = new();

    public Dictionary<string, SocketFile> Members { get; } = []; // name -> wfile

    public void Broadcast(string line, string? exclude = null)
    {
        // One lock for the member list and the writes, so every member sees the same order.
        lock (Lock)
        {
            foreach (var (name, wfile) in Members)
            {
                if (name != exclude)
                {
                    wfile.write(Encoding.UTF8.GetBytes(line + "\n"));
                }
            }
        }
    }
}

internal sealed class ChatHandler : StreamRequestHandler
{
    public override void handle()
    {
        var chat = (ChatServer)server;
        var name = Encoding.UTF8.GetString(rfile.readline()).Trim();
        lock (chat.Lock)
        {
            chat.Members[name] = wfile;
        }

        chat.Broadcast($"* {name} joined");
        foreach (var line in rfile)
        {
            chat.Broadcast($"<{name}> {Encoding.UTF8.GetString(line).TrimEnd('\n')}", exclude: name);
        }

        lock (chat.Lock)
        {
            chat.Members.Remove(name);
        }

        chat.Broadcast($"* {name} left");
    }
}

internal sealed class Client
{
    private readonly string _name;
    private readonly SocketObject _sock;
    private readonly SocketFile _replies;

    public Client(SockAddr address, string name)
    {
        _name = name;
        _sock = create_connection(address, timeout: 5.0);
        _replies = (SocketFile)_sock.makefile("rb");
        _sock.sendall(Encoding.UTF8.GetBytes(name + "\n"));
    }

    public void Say(string text)
    {
        Console.WriteLine($"{_name} says: {text}");
        _sock.sendall(Encoding.UTF8.GetBytes(text + "\n"));
    }

    public void Expect() => Console.WriteLine($"  {_name} sees: {Encoding.UTF8.GetString(_replies.readline()).TrimEnd('\n')}");

    public void Leave()
    {
        Console.WriteLine($"{_name} leaves");
        _replies.close();
        _sock.close();
    }
}

internal static class Program
{
    private static void Main()
    {
        using (var server = new ChatServer(("127.0.0.1", 0)))
        {
            var serving = new Thread(() => server.serve_forever(0.05));
            serving.Start();
            Console.WriteLine($"chat server on {server.server_address}");

            var alice = new Client(server.server_address, "alice");
            alice.Expect();
            var bob = new Client(server.server_address, "bob");
            alice.Expect();
            bob.Expect();
            alice.Say("hi bob");
            bob.Expect();
            bob.Say("hello alice");
            alice.Expect();
            var carol = new Client(server.server_address, "carol");
            alice.Expect();
            bob.Expect();
            carol.Expect();
            carol.Say("hi all");
            alice.Expect();
            bob.Expect();
            alice.Leave();
            bob.Expect();
            carol.Expect();
            bob.Leave();
            carol.Expect();
            carol.Leave();

            server.shutdown();
            serving.Join();
        }

        Console.WriteLine("server closed");
    }
}
