// The main sample: a threaded line-echo server and a client, ported line for line from echo.py
// next to this file (a test runs both and compares their output).
//
// Run it with: dotnet run --project samples/EchoSample
using System;
using System.Threading;
using PySocket;
using static PySocket.Bytes;
using static PySocket.Socket;

internal sealed class Echo : StreamRequestHandler
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
    private static int Main()
    {
        using (var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new Echo()))
        {
            var serving = new Thread(() => server.serve_forever(0.05));
            serving.Start();
            var (host, port) = server.server_address;
            Console.WriteLine($"echo server listening on {server.server_address}");
            using (var client = create_connection((host, port), timeout: 5.0))
            using (var replies = (SocketFile)client.makefile("rb"))
            {
                foreach (var line in new[] { "hello"u8.ToArray(), "echo from PySocket"u8.ToArray(), "goodbye"u8.ToArray() })
                {
                    client.sendall([.. line, (byte)'\n']);
                    Console.WriteLine($"received {repr(replies.readline())}");
                }
            }

            server.shutdown();
            serving.Join();
        }

        return 0;
    }
}
