// An HTTP/1.0 client over create_connection and makefile("rb"), ported from http10_client.py next
// to this file: it sends a GET request, reads the status line and headers with readline() and the
// body with read() (HTTP/1.0: until the server closes). It talks to a tiny HTTP/1.0 server that
// the sample starts itself on 127.0.0.1 (a StreamRequestHandler), so it needs no network.
// Run it with: dotnet run --project samples/HttpClient
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using PySocket;
using static PySocket.Socket;

[assembly: SupportedOSPlatform("linux")]

internal sealed class HelloHandler : StreamRequestHandler
{
    public override void handle()
    {
        var requestLine = Encoding.Latin1.GetString(rfile.readline()).TrimEnd('\r', '\n');
        var headers = new List<string>();
        while (true)
        {
            var line = rfile.readline();
            if (line is [] or [(byte)'\n'] or [(byte)'\r', (byte)'\n'])
            {
                break;
            }

            headers.Add(Encoding.Latin1.GetString(line).TrimEnd('\r', '\n').Split(':', 2)[0]);
        }

        Console.WriteLine($"server: {Py.Repr(requestLine)} with headers {string.Join(", ", headers)}");
        var path = requestLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var (status, body) = path == "/hello"
            ? ("200 OK", Encoding.UTF8.GetBytes("Hello from PySocket\n"))
            : ("404 Not Found", Encoding.UTF8.GetBytes($"no such page: {path}\n"));
        wfile.write([.. Encoding.ASCII.GetBytes($"HTTP/1.0 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n"), .. body]);
    }
}

internal static class Program
{
    private static (string Status, Dictionary<string, string> Headers, byte[] Body) HttpGet(string host, int port, string path)
    {
        using var s = create_connection((host, port), timeout: 5.0);
        s.sendall(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\nUser-Agent: sample\r\n\r\n"));
        using var f = (SocketFile)s.makefile("rb");
        var status = Encoding.Latin1.GetString(f.readline()).TrimEnd('\r', '\n');
        var headers = new Dictionary<string, string>();
        while (true)
        {
            var line = f.readline();
            if (line is [] or [(byte)'\n'] or [(byte)'\r', (byte)'\n'])
            {
                break;
            }

            var parts = Encoding.Latin1.GetString(line).TrimEnd('\r', '\n').Split(':', 2);
            headers[parts[0].Trim().ToLowerInvariant()] = parts[1].Trim();
        }

        var body = f.read()!; // a blocking reader returns null only in non-blocking mode
        return (status, headers, body);
    }

    private static void Main()
    {
        using var server = new TCPServer(("127.0.0.1", 0), () => new HelloHandler());
        var serving = new Thread(() => server.serve_forever(0.05));
        serving.Start();
        var (host, port) = server.server_address;
        foreach (var path in new[] { "/hello", "/missing" })
        {
            var (status, headers, body) = HttpGet(host, port, path);
            Console.WriteLine($"client: GET {path} -> {status}");
            foreach (var name in headers.Keys.Order(StringComparer.Ordinal))
            {
                Console.WriteLine($"  {name}: {headers[name]}");
            }

            Console.WriteLine($"  body ({body.Length} bytes, content-length {headers["content-length"]}): {Py.Repr(Encoding.UTF8.GetString(body))}");
        }

        server.shutdown();
        serving.Join();
    }
}
