// An AF_UNIX stream server (UnixStreamServer) on a socket file in a temporary directory, and a
// client that connects to that path, ported from unix_server.py next to this file: the handler
// upper-cases each line. The server serves in a thread; the sample prints what each side sees and
// removes the socket file (a UnixStreamServer does not remove it, in Python or in PySocket).
// Run it with: dotnet run --project samples/UnixServer
using System;
using System.IO;
using System.Runtime.Versioning;
using System.Threading;
using PySocket;
using static PySocket.Socket;

// AF_UNIX: CPython has it on Linux and macOS, not on Windows.
[assembly: UnsupportedOSPlatform("windows")]

internal sealed class UpperHandler : StreamRequestHandler
{
    public override void handle()
    {
        Console.WriteLine($"server: a client connected, client_address={client_address?.repr()}");
        foreach (var line in rfile)
        {
            wfile.write(Py.Upper(line));
        }

        Console.WriteLine("server: the client closed its end");
    }
}

internal static class Program
{
    private static void Main()
    {
        var tmp = Directory.CreateTempSubdirectory("pysocket-sample-");
        var path = Path.Combine(tmp.FullName, "upper.sock");
        try
        {
            using (var server = new UnixStreamServer(path, () => new UpperHandler()))
            {
                var serving = new Thread(() => server.serve_forever(0.05));
                serving.Start();
                Console.WriteLine($"server listening on {Path.GetFileName(server.server_address.path)}");
                Console.WriteLine($"socket file exists: {(File.Exists(path) ? "True" : "False")}");

                using (var client = socket(AF_UNIX, SOCK_STREAM))
                {
                    client.settimeout(5.0);
                    client.connect(path);
                    using (var replies = client.makefile("rb"))
                    {
                        foreach (var line in new[] { "hello over a unix socket\n"u8.ToArray(), "second line\n"u8.ToArray() })
                        {
                            client.sendall(line);
                            Console.WriteLine($"client: sent {Py.Repr(line)}, got {replies.readline().repr()}");
                        }
                    }

                    Console.WriteLine($"client: peer {Path.GetFileName(client.getpeername().path)} own name {client.getsockname().repr()}");
                }

                server.shutdown();
                serving.Join();
            }

            Console.WriteLine($"socket file left by server_close: {(File.Exists(path) ? "True" : "False")}");
            File.Delete(path);
            Console.WriteLine($"socket file removed: {(!File.Exists(path) ? "True" : "False")}");
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }
}
