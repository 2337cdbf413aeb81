using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using static PySocket.Socket;

namespace PySocket.Tests.SocketServer;

/// <summary>PySocket servers with python3 clients, and PySocket clients with python3 socketserver servers.</summary>
public sealed class ServerInteropTests
{
    private static readonly TimeSpan Bound = ServerHarness.Bound;

    private sealed class UpperEcho : StreamRequestHandler
    {
        public override void handle()
        {
            // Python: for line in self.rfile: self.wfile.write(line.upper())
            foreach (var line in rfile)
            {
                wfile.write(Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(line).ToUpperInvariant()));
            }
        }
    }

    [PythonFact]
    public void A_python3_client_talks_to_a_pysocket_threading_tcp_server()
    {
        using var srv = new ThreadingTCPServer(("127.0.0.1", 0), () => new UpperEcho());
        using (ServerHarness.Serve(srv))
        {
            var (host, port) = srv.server_address;
            host.Should().NotBeNull();
            var clients = Enumerable.Range(0, 3).Select(i => Task.Run(() => Python.Run("""
import socket, sys
with socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5) as c:
    f = c.makefile('rwb')
    for word in (b'hello', b'world'):
        f.write(word + b' ' + sys.argv[3].encode() + b'\n'); f.flush()
        print(f.readline().decode().strip())
""", Bound, [host!, port.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture)]))).ToArray();
            ServerHarness.AllWithin(clients, Bound).Should().BeTrue();
            for (var i = 0; i < clients.Length; i++)
            {
                clients[i].Value().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal($"HELLO {i}", $"WORLD {i}");
            }
        }
    }

    [PythonFact]
    public void A_pysocket_client_talks_to_a_python3_threading_tcp_server()
    {
        // The python server reports its port by connecting back to this listener: no files, no sleeps.
        using var callback = socket(AF_INET, SOCK_STREAM);
        callback.settimeout(10.0);
        callback.bind(("127.0.0.1", 0));
        callback.listen();
        var python = Task.Run(() => Python.Run("""
import socket, socketserver, sys
class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(b'py:' + line)
with socketserver.ThreadingTCPServer(('127.0.0.1', 0), Echo) as s:
    s.timeout = 10
    with socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10) as cb:
        cb.sendall(str(s.server_address[1]).encode())
    for _ in range(2):
        s.handle_request()
print('served')
""", Bound, [callback.getsockname().port.ToString(CultureInfo.InvariantCulture)]));

        var (conn, _) = callback.accept();
        int port;
        using (conn)
        {
            conn.settimeout(10.0);
            port = int.Parse(Encoding.ASCII.GetString(conn.recv(100)), CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < 2; i++)
        {
            using var c = socket(AF_INET, SOCK_STREAM);
            c.settimeout(5.0);
            c.connect(("127.0.0.1", port));
            c.sendall(Encoding.ASCII.GetBytes($"line {i}\n"));
            c.shutdown(SHUT_WR);
            var reply = new StringBuilder();
            byte[] chunk;
            while ((chunk = c.recv(100)).Length > 0)
            {
                reply.Append(Encoding.ASCII.GetString(chunk));
            }

            reply.ToString().Should().Be($"py:line {i}\n");
        }

        python.Within(Bound).Should().BeTrue();
        python.Value().Trim().Should().Be("served");
    }
}
