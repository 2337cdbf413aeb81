// The main sample: a threaded line-echo server and a client, ported line for line from this Python:
//
//     import socket, socketserver, threading
//
//     class Echo(socketserver.StreamRequestHandler):
//         def handle(self):
//             for line in self.rfile:
//                 self.wfile.write(line)
//
//     with socketserver.ThreadingTCPServer(('127.0.0.1', 0), Echo) as server:
//         threading.Thread(target=server.serve_forever, args=(0.05,)).start()
//         host, port = server.server_address
//         print('echo server listening on', server.server_address)
//         with socket.create_connection((host, port), timeout=5.0) as client, client.makefile('rb') as replies:
//             for line in [b'hello', b'echo from PySocket', b'goodbye']:
//                 client.sendall(line + b'\n')
//                 print('received', replies.readline())
//         server.shutdown()
//
// Run it with: dotnet run --project samples/EchoSample
using System;
using System.Runtime.Versioning;
using System.Threading;
using PySocket;
using static PySocket.Bytes;
using static PySocket.Socket;

[assembly: SupportedOSPlatform("linux")]

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
            using (var replies = client.makefile("rb"))
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
