// A port of the classic Python echo example:
//
//     import socket, threading
//
//     def serve(server):
//         conn, addr = server.accept()
//         with conn:
//             while True:
//                 data = conn.recv(1024)
//                 if not data:
//                     break
//                 conn.sendall(data)
//
//     server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
//     server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
//     server.bind(('127.0.0.1', 0))
//     server.listen()
//     threading.Thread(target=serve, args=(server,)).start()
//
//     host, port = server.getsockname()
//     with socket.socket() as client:
//         client.settimeout(5.0)
//         client.connect((host, port))
//         for line in [b'hello', b'echo from PySocket', b'goodbye']:
//             client.sendall(line + b'\n')
//             print('received', client.recv(1024))
using System;
using System.Text;
using System.Threading;
using PySocket;
using static PySocket.Socket;

internal static class Program
{
    private static void Serve(SocketObject server)
    {
        var (conn, addr) = server.accept();
        using (conn)
        {
            Console.WriteLine($"server: connection from {addr}");
            while (true)
            {
                var data = conn.recv(1024);
                if (data.Length == 0)
                {
                    break;
                }

                conn.sendall(data);
            }
        }
    }

    private static byte[] RecvLine(SocketObject s)
    {
        var line = new System.Collections.Generic.List<byte>();
        while (line.Count == 0 || line[^1] != (byte)'\n')
        {
            var chunk = s.recv(1024);
            if (chunk.Length == 0)
            {
                break;
            }

            line.AddRange(chunk);
        }

        return line.ToArray();
    }

    private static int Main()
    {
        using var server = socket(AF_INET, SOCK_STREAM);
        server.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
        server.settimeout(5.0);
        server.bind(("127.0.0.1", 0));
        server.listen();
        var thread = new Thread(() => Serve(server));
        thread.Start();

        var (host, port) = server.getsockname();
        Console.WriteLine($"echo server listening on {server.getsockname()}");
        using (var client = socket())
        {
            client.settimeout(5.0);
            client.connect((host!, port));
            foreach (var line in new[] { "hello", "echo from PySocket", "goodbye" })
            {
                client.sendall(Encoding.UTF8.GetBytes(line + "\n"));
                Console.WriteLine($"received {Encoding.UTF8.GetString(RecvLine(client)).TrimEnd('\n')}");
            }
        }

        thread.Join();
        return 0;
    }
}
