using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using static PySocket.Socket;

namespace PySocket.Tests.SocketServer;

/// <summary>The template-method call order, compared with python3's socketserver running the same scenario.</summary>
public sealed class PipelineOrderTests
{
    private const string PythonScenario = """
import socket, socketserver, sys
log = []
class H(socketserver.BaseRequestHandler):
    def setup(self):
        log.append('setup'); self.text = self.request.recv(100)
        if self.text == b'setup-raises': raise KeyError('setup')
    def handle(self):
        log.append('handle')
        if self.text == b'handle-raises': raise KeyError('handle')
    def finish(self): log.append('finish')
class S(socketserver.TCPServer):
    def get_request(self): log.append('get_request'); return super().get_request()
    def verify_request(self, r, a):
        log.append('verify_request'); return r.recv(1, socket.MSG_PEEK) != b'r'
    def process_request(self, r, a): log.append('process_request'); super().process_request(r, a)
    def finish_request(self, r, a): log.append('finish_request'); super().finish_request(r, a)
    def handle_error(self, r, a): log.append('handle_error')
    def shutdown_request(self, r): log.append('shutdown_request'); super().shutdown_request(r)
    def close_request(self, r): log.append('close_request'); super().close_request(r)
with S(('127.0.0.1', 0), H) as s:
    for text in sys.argv[1:]:
        c = socket.create_connection(s.server_address, timeout=5); c.sendall(text.encode())
        s.handle_request()
        log.append('client got ' + repr(c.recv(10))); c.close()
        print(' '.join(log)); log.clear()
""";

    private static readonly string[] Scenarios = ["fine", "handle-raises", "setup-raises", "rejected"];

    private sealed class LoggingHandler(List<string> log) : BaseRequestHandler<SocketObject>
    {
        private string _text = "";

        public override void setup()
        {
            log.Add("setup");
            _text = Encoding.ASCII.GetString(request.recv(100));
            if (_text == "setup-raises")
            {
                throw new KeyNotFoundException("setup");
            }
        }

        public override void handle()
        {
            log.Add("handle");
            if (_text == "handle-raises")
            {
                throw new KeyNotFoundException("handle");
            }
        }

        public override void finish() => log.Add("finish");
    }

    private sealed class LoggingServer(List<string> log) : TCPServer(("127.0.0.1", 0), () => new LoggingHandler(log))
    {
        public override (SocketObject request, SockAddr? client_address) get_request()
        {
            log.Add("get_request");
            return base.get_request();
        }

        public override bool verify_request(SocketObject request, SockAddr? client_address)
        {
            log.Add("verify_request");
            return request.recv(1, MSG_PEEK)[0] != (byte)'r';
        }

        public override void process_request(SocketObject request, SockAddr? client_address)
        {
            log.Add("process_request");
            base.process_request(request, client_address);
        }

        public override void finish_request(SocketObject request, SockAddr? client_address)
        {
            log.Add("finish_request");
            base.finish_request(request, client_address);
        }

        public override void handle_error(SocketObject request, SockAddr? client_address) => log.Add("handle_error");

        public override void shutdown_request(SocketObject request)
        {
            log.Add("shutdown_request");
            base.shutdown_request(request);
        }

        public override void close_request(SocketObject request)
        {
            log.Add("close_request");
            base.close_request(request);
        }
    }

    [PythonFact]
    public void Handle_request_runs_the_same_hooks_in_the_same_order_as_python()
    {
        var expected = Python.Run(PythonScenario, ServerHarness.Bound, Scenarios).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var log = new List<string>();
        var actual = new List<string>();
        using var server = new LoggingServer(log);
        foreach (var text in Scenarios)
        {
            using var c = ServerHarness.Client(server);
            c.connect(server.server_address);
            c.sendall(Encoding.ASCII.GetBytes(text));
            server.handle_request();
            log.Add("client got " + PyBytes(c.recv(10)));
            actual.Add(string.Join(' ', log));
            log.Clear();
        }

        actual.Should().Equal(expected);
    }

    private static string PyBytes(byte[] b) => "b'" + Encoding.ASCII.GetString(b) + "'";
}
