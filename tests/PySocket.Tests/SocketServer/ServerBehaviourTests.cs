using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketServer;

/// <summary>The socketserver pipeline: shutdown races, verify_request, handle_error, block_on_close, limits, cancellation.</summary>
public sealed class ServerBehaviourTests
{
    private static readonly TimeSpan Bound = ServerHarness.Bound;

    /// <summary>Runs <see cref="Action"/> in handle(), reading nothing; for the raw-socket tests.</summary>
    private sealed class ActionHandler(Action<BaseRequestHandler<SocketObject>> action) : BaseRequestHandler<SocketObject>
    {
        public override void handle() => action(this);
    }

    private static byte[] Exchange(TCPServer server, string text)
    {
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        c.sendall(Encoding.ASCII.GetBytes(text));
        return c.recv(100);
    }

    private static void ReplyOk(BaseRequestHandler<SocketObject> h) => h.request.sendall("ok"u8);

    [Fact]
    public void Shutdown_before_serve_forever_returns_at_once_and_the_next_serve_forever_returns_immediately()
    {
        using var server = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
        var shutdown = Task.Run(server.shutdown);
        shutdown.Within(Bound).Should().BeTrue("shutdown() before serve_forever must not hang (CPython would)");
        var serve = Task.Run(() => server.serve_forever(0.05));
        serve.Within(Bound).Should().BeTrue("the pending shutdown stops the next serve_forever");

        // The request was consumed: serve_forever runs normally afterwards.
        using (ServerHarness.Serve(server))
        {
            server.RequestHandlerClass = () => new ActionHandler(ReplyOk);
            Exchange(server, "x").Should().Equal("ok"u8.ToArray());
        }
    }

    [Fact]
    public void Shutdown_twice_returns_both_times()
    {
        using var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
        var running = ServerHarness.Serve(server);
        server.shutdown();
        running.Thread.Join(Bound).Should().BeTrue();
        Task.Run(server.shutdown).Within(Bound).Should().BeTrue("a second shutdown() must not hang");
        server.server_close();
    }

    [Fact]
    public void Shutdown_during_a_busy_handler_waits_until_serve_forever_has_stopped()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var finished = false;
        using var server = new TCPServer(("127.0.0.1", 0), () => new ActionHandler(_ =>
        {
            started.Set();
            release.Wait(Bound);
            finished = true;
        }));
        var running = ServerHarness.Serve(server);
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        started.Wait(Bound).Should().BeTrue();

        var shutdown = ServerHarness.Start(server.shutdown);
        ServerHarness.BlockedOrDone(shutdown).Should().BeTrue("shutdown() waits while serve_forever is still inside the handler");
        release.Set();
        shutdown.Join(Bound).Should().BeTrue();
        Volatile.Read(ref finished).Should().BeTrue("shutdown() returns once serve_forever has left its loop, after the handler");

        // serve_forever's thread may still be on its way out of the method when shutdown() returns.
        running.Thread.Join(Bound).Should().BeTrue();
        server.server_close();
    }

    [Fact]
    public void Shutdown_from_a_handler_on_the_serving_thread_stops_the_server_without_deadlock()
    {
        BaseServer? s = null;
        using var server = new TCPServer(("127.0.0.1", 0), () => new ActionHandler(h => h.server.shutdown()));
        s = server;
        var serve = Task.Run(() => server.serve_forever(0.05));
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        serve.Within(Bound).Should().BeTrue();
        c.recv(10).Should().BeEmpty("the request was shut down after the handler");
    }

    [Fact]
    public void Shutdown_waits_only_for_the_serve_forever_it_stopped_even_when_another_one_starts_at_once()
    {
        // One thread restarts serve_forever as soon as it returns; shutdown() must return once the run it
        // stopped has ended, not wait for the next run (which nobody would stop).
        using var server = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
        var stop = 0;
        var loop = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                server.serve_forever(0.05);
            }
        })
        { IsBackground = true };
        loop.Start();
        try
        {
            for (var i = 0; i < 300; i++)
            {
                Task.Run(server.shutdown).Within(Bound).Should().BeTrue($"shutdown #{i} must not wait for the next serve_forever");
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            server.shutdown();
            loop.Join(Bound).Should().BeTrue();
            server.server_close();
        }
    }

    [Fact]
    public void Serve_forever_can_run_again_after_a_shutdown()
    {
        using var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new ActionHandler(ReplyOk));
        for (var i = 0; i < 2; i++)
        {
            var running = ServerHarness.Serve(server);
            Exchange(server, "x").Should().Equal("ok"u8.ToArray());
            server.shutdown();
            running.Thread.Join(Bound).Should().BeTrue();
        }

        server.server_close();
    }

    [Fact]
    public void Verify_request_false_closes_the_request_without_running_the_handler()
    {
        var handled = 0;
        using var server = new RejectingServer(() => new ActionHandler(_ => Interlocked.Increment(ref handled)));
        using (ServerHarness.Serve(server))
        {
            using var c = ServerHarness.Client(server);
            c.connect(server.server_address);
            c.recv(10).Should().BeEmpty("the client sees EOF");
            server.Verified.Should().Be(1);
        }

        handled.Should().Be(0);
    }

    private sealed class RejectingServer(Func<BaseRequestHandler> handler) : TCPServer(("127.0.0.1", 0), handler)
    {
        public int Verified;

        public override bool verify_request(SocketObject request, SockAddr? client_address)
        {
            Interlocked.Increment(ref Verified);
            client_address.Should().Be(request.getpeername());
            return false;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_handler_exception_goes_to_handle_error_and_the_server_keeps_serving(bool threading)
    {
        var calls = new ConcurrentQueue<string>();
        using var server = new RecordingServer(calls, () => new ActionHandler(h =>
        {
            var data = h.request.recv(10);
            if (data[0] == (byte)'!')
            {
                throw new KeyNotFoundException("oops");
            }

            ReplyOk(h);
        }));
        if (threading)
        {
            server.mixin = new ThreadingMixIn();
        }

        using (ServerHarness.Serve(server))
        {
            Exchange(server, "!").Should().BeEmpty("the failed request is shut down");
            Exchange(server, "x").Should().Equal("ok"u8.ToArray());
        }

        calls.Should().ContainSingle().Which.Should().Be("KeyNotFoundException: oops");
        server.ErrorAddress.Should().NotBeNull();
        server.ErrorAddress!.host.Should().Be("127.0.0.1");
    }

    private sealed class RecordingServer(ConcurrentQueue<string> calls, Func<BaseRequestHandler> handler)
        : TCPServer(("127.0.0.1", 0), handler)
    {
        public SockAddr? ErrorAddress;

        public override void handle_error(SocketObject request, SockAddr? client_address)
        {
            ErrorAddress = client_address;
            calls.Enqueue($"{exc_info!.GetType().Name}: {exc_info.Message}");
        }
    }

    [Fact]
    public void Handler_setup_handle_finish_run_in_python_order_and_finish_is_skipped_when_setup_raises()
    {
        var log = new ConcurrentQueue<string>();
        using var server = new TCPServer(("127.0.0.1", 0), () => new OrderHandler(log), bind_and_activate: true);
        using (ServerHarness.Serve(server))
        {
            Exchange(server, "handle-raises");
            Exchange(server, "setup-raises");
            Exchange(server, "fine");
        }

        log.Should().Equal(
            "setup", "handle", "finish",
            "setup",
            "setup", "handle", "finish");
    }

    private sealed class OrderHandler(ConcurrentQueue<string> log) : BaseRequestHandler<SocketObject>
    {
        private string _text = "";

        public override void setup()
        {
            log.Enqueue("setup");
            _text = Encoding.ASCII.GetString(request.recv(100));
            if (_text == "setup-raises")
            {
                throw new InvalidOperationException("setup");
            }
        }

        public override void handle()
        {
            log.Enqueue("handle");
            if (_text == "handle-raises")
            {
                throw new InvalidOperationException("handle");
            }
        }

        public override void finish()
        {
            log.Enqueue("finish");
            request.sendall("done"u8);
        }
    }

    [Fact]
    public void Handle_request_serves_one_request()
    {
        using var server = new TCPServer(("127.0.0.1", 0), () => new ActionHandler(ReplyOk));
        server.timeout = 10;
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        c.sendall("x"u8);
        server.handle_request();
        c.recv(10).Should().Equal("ok"u8.ToArray());
        server.server_close();
    }

    [Fact]
    public void Block_on_close_makes_server_close_wait_for_running_handler_threads()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var finished = false;
        var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new ActionHandler(_ =>
        {
            started.Set();
            release.Wait(Bound);
            finished = true;
        }));
        var running = ServerHarness.Serve(server);
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        started.Wait(Bound).Should().BeTrue();
        server.shutdown();
        running.Thread.Join(Bound).Should().BeTrue();

        var close = ServerHarness.Start(server.server_close);
        ServerHarness.BlockedOrDone(close).Should().BeTrue("server_close joins the handler thread");
        release.Set();
        close.Join(Bound).Should().BeTrue();
        Volatile.Read(ref finished).Should().BeTrue();
    }

    [Fact]
    public void Daemon_threads_are_not_joined_by_server_close()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Thread? handlerThread = null;
        var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new ActionHandler(_ =>
        {
            handlerThread = Thread.CurrentThread;
            started.Set();
            release.Wait(Bound);
        }))
        { daemon_threads = true };
        var running = ServerHarness.Serve(server);
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        started.Wait(Bound).Should().BeTrue();
        server.shutdown();
        running.Thread.Join(Bound).Should().BeTrue();
        Task.Run(server.server_close).Within(Bound).Should().BeTrue();
        handlerThread!.IsBackground.Should().BeTrue();
        handlerThread.IsAlive.Should().BeTrue("daemon threads are left running");
        release.Set();
        handlerThread.Join(Bound).Should().BeTrue();
    }

    [Fact]
    public void Without_block_on_close_server_close_does_not_wait_for_request_threads()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Thread? handlerThread = null;
        var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new ActionHandler(_ =>
        {
            handlerThread = Thread.CurrentThread;
            started.Set();
            release.Wait(Bound);
        }))
        { block_on_close = false };
        using var c = ServerHarness.Client(server);
        c.connect(server.server_address);
        server.handle_request(); // on a threading server handle_request only starts the thread
        started.Wait(Bound).Should().BeTrue();
        Task.Run(server.server_close).Within(Bound).Should().BeTrue();
        handlerThread!.IsBackground.Should().BeFalse("daemon_threads is still False");
        handlerThread.IsAlive.Should().BeTrue();
        release.Set();
        handlerThread.Join(Bound).Should().BeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_OSError_from_get_request_is_swallowed_and_the_server_keeps_serving(bool viaServeForever)
    {
        var handled = 0;
        using var server = new FlakyAcceptServer(() => new ActionHandler(h =>
        {
            Interlocked.Increment(ref handled);
            ReplyOk(h);
        }));
        using var first = ServerHarness.Client(server);
        first.connect(server.server_address);
        if (viaServeForever)
        {
            using (ServerHarness.Serve(server))
            {
                first.recv(10).Should().Equal("ok"u8.ToArray(), "the connection stays queued after the failed get_request");
            }
        }
        else
        {
            server.handle_request();
            handled.Should().Be(0);
            server.handle_request();
            first.recv(10).Should().Equal("ok"u8.ToArray());
        }

        server.Failures.Should().Be(1);
        handled.Should().Be(1);
    }

    private sealed class FlakyAcceptServer(Func<BaseRequestHandler> handler) : TCPServer(("127.0.0.1", 0), handler)
    {
        public int Failures;

        public override (SocketObject request, SockAddr? client_address) get_request()
        {
            if (Interlocked.Increment(ref Failures) == 1)
            {
                throw OSError.FromErrno(103);
            }

            Interlocked.Decrement(ref Failures);
            return base.get_request();
        }
    }

    [Fact]
    public void Max_concurrent_requests_bounds_the_request_threads()
    {
        const int clientCount = 4;
        var active = 0;
        var peak = 0;
        using var twoIn = new CountdownEvent(2);
        using var release = new ManualResetEventSlim();
        using var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new ActionHandler(h =>
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref peak, now);
            if (!twoIn.IsSet)
            {
                twoIn.Signal();
            }

            release.Wait(Bound);
            Interlocked.Decrement(ref active);
            ReplyOk(h);
        }))
        { max_concurrent_requests = 2, request_queue_size = 16 };
        using (var running = ServerHarness.Serve(server))
        {
            var clients = Enumerable.Range(0, clientCount).Select(_ => Task.Run(() => Exchange(server, "x"))).ToArray();
            twoIn.Wait(Bound).Should().BeTrue();
            // The third request makes serve_forever wait for a slot (Monitor.Wait): no client can be done then.
            ServerHarness.BlockedOrDone(running.Thread).Should().BeTrue("serve_forever waits for a free slot");
            clients.Should().AllSatisfy(t => t.IsCompleted.Should().BeFalse("two handlers hold both slots"));
            Volatile.Read(ref active).Should().Be(2);
            release.Set();
            ServerHarness.AllWithin(clients, Bound).Should().BeTrue();
            clients.Should().AllSatisfy(t => t.Value().Should().Equal("ok"u8.ToArray()));
        }

        peak.Should().Be(2);
    }

    [Fact]
    public void Shutdown_ends_a_wait_for_a_concurrency_slot()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var server = new SlotServer(() => new ActionHandler(_ =>
        {
            entered.Set();
            release.Wait(Bound);
        }));
        var running = ServerHarness.Serve(server);
        using var first = ServerHarness.Client(server);
        first.connect(server.server_address);
        entered.Wait(Bound).Should().BeTrue();
        using var second = ServerHarness.Client(server);
        second.connect(server.server_address);
        server.SecondArrived.Wait(Bound).Should().BeTrue();

        Task.Run(server.shutdown).Within(Bound).Should().BeTrue("shutdown ends the wait for a slot");
        running.Thread.Join(Bound).Should().BeTrue();
        second.recv(10).Should().BeEmpty("the waiting request is closed unhandled");
        release.Set();
        server.server_close();
    }

    [Fact]
    public void A_shutdown_pending_for_the_next_serve_forever_does_not_reject_a_handle_request_waiting_for_a_slot()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var calls = 0;
        using var server = new SlotServer(() => new ActionHandler(h =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                entered.Set();
                release.Wait(Bound);
            }

            ReplyOk(h);
        }));
        using var first = ServerHarness.Client(server);
        first.connect(server.server_address);
        server.handle_request();
        entered.Wait(Bound).Should().BeTrue();

        server.shutdown(); // nothing serves: pending for the next serve_forever only
        using var second = ServerHarness.Client(server);
        second.connect(server.server_address);
        var waiting = Task.Run(server.handle_request);
        server.SecondArrived.Wait(Bound).Should().BeTrue();
        release.Set();
        waiting.Within(Bound).Should().BeTrue();
        first.recv(10).Should().Equal("ok"u8.ToArray());
        second.recv(10).Should().Equal("ok"u8.ToArray(), "the request waited for the slot and was handled");
        Task.Run(() => server.serve_forever(60)).Within(Bound).Should().BeTrue("the shutdown is still pending for serve_forever");
    }

    private sealed class SlotServer(Func<BaseRequestHandler> handler) : ThreadingTCPServer(("127.0.0.1", 0), handler)
    {
        private int _requests;

        public ManualResetEventSlim SecondArrived { get; } = new();

        public override void process_request(SocketObject request, SockAddr? client_address)
        {
            max_concurrent_requests = 1;
            if (Interlocked.Increment(ref _requests) == 2)
            {
                SecondArrived.Set();
            }

            base.process_request(request, client_address);
        }
    }

    [Fact]
    public void Cancelling_the_token_stops_serve_forever_without_waiting_for_the_poll_interval()
    {
        using var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new ActionHandler(ReplyOk));
        using var cts = new CancellationTokenSource();
        var serve = Task.Run(() => server.serve_forever(60, cts.Token));
        Exchange(server, "x").Should().Equal("ok"u8.ToArray());
        cts.Cancel();
        serve.Within(Bound).Should().BeTrue("cancellation wakes the poll at once, long before the 60 s interval");
        Task.Run(server.shutdown).Within(Bound).Should().BeTrue();
        server.server_close();
    }

    [Fact]
    public void Serve_forever_with_an_already_cancelled_token_returns_at_once()
    {
        using var server = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
        Task.Run(() => server.serve_forever(60, new CancellationToken(canceled: true))).Within(Bound).Should().BeTrue();
        server.server_close();
    }

    [Fact]
    public void Shutdown_does_not_wait_for_a_long_poll_interval()
    {
        using var server = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
        var running = ServerHarness.Serve(server, pollInterval: 60);
        Task.Run(server.shutdown).Within(Bound).Should().BeTrue();
        running.Thread.Join(Bound).Should().BeTrue();
        server.server_close();
    }

    [Fact]
    public void Service_actions_runs_while_idle()
    {
        using var server = new CountingServer();
        using (ServerHarness.Serve(server, pollInterval: 0.01))
        {
            server.ThreeActions.Wait(Bound).Should().BeTrue();
        }
    }

    private sealed class CountingServer() : TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler())
    {
        public CountdownEvent ThreeActions { get; } = new(3);

        public override void service_actions()
        {
            if (!ThreeActions.IsSet)
            {
                ThreeActions.Signal();
            }
        }

        public override void server_close()
        {
            base.server_close();
        }
    }

    [Fact]
    public void A_failed_bind_closes_the_socket_and_raises_pythons_error()
    {
        var act = () => new SocketWatchingServer(("127.0.0.1", -1));
        act.Should().Throw<OverflowException>().WithMessage("bind(): port must be 0-65535.");
        SocketWatchingServer.LastSocket!.fileno().Should().Be(-1, "the constructor closed the socket (server_close)");
    }

    [PythonFact]
    public void Constructing_servers_fails_and_succeeds_like_python()
    {
        new DifferentialTable("import socketserver\nH = socketserver.BaseRequestHandler")
            .Case("socketserver.TCPServer(('127.0.0.1', -1), H)", () => new TCPServer(("127.0.0.1", -1), () => new BaseRequestHandler()))
            .Case("socketserver.UDPServer(('127.0.0.1', 65536), H)", () => new UDPServer(("127.0.0.1", 65536), () => new BaseRequestHandler()))
            .Case("socketserver.TCPServer(('no such host.invalid', 0), H)", () => new TCPServer(("no such host.invalid", 0), () => new BaseRequestHandler()))
            .Case("exec:s = socketserver.TCPServer(('127.0.0.1', 0), H, bind_and_activate=False); result = (s.server_address, s.socket.getsockname(), s.socket.getsockopt(SOL_SOCKET, SO_REUSEADDR)); s.server_close()", () =>
            {
                using var s = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler(), bind_and_activate: false);
                return (s.server_address, s.socket.getsockname(), s.socket.getsockopt(SOL_SOCKET, SO_REUSEADDR));
            })
            .Case("exec:s = socketserver.TCPServer(('127.0.0.1', 0), H, bind_and_activate=False); s.allow_reuse_address = True; s.allow_reuse_port = True; s.server_bind(); s.server_activate(); result = (s.socket.getsockopt(SOL_SOCKET, SO_REUSEADDR), s.socket.getsockopt(SOL_SOCKET, SO_REUSEPORT), s.socket.getsockopt(SOL_SOCKET, SO_ACCEPTCONN), s.server_address[1] > 0); s.server_close(); result += (s.fileno(),)", () =>
            {
                var s = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler(), bind_and_activate: false) { allow_reuse_address = true, allow_reuse_port = true };
                s.server_bind();
                s.server_activate();
                var result = (s.socket.getsockopt(SOL_SOCKET, SO_REUSEADDR), s.socket.getsockopt(SOL_SOCKET, SO_REUSEPORT), s.socket.getsockopt(SOL_SOCKET, SO_ACCEPTCONN), s.server_address.port > 0);
                s.server_close();
                return (result.Item1, result.Item2, result.Item3, result.Item4, s.fileno());
            })
            .Case("(socketserver.TCPServer.request_queue_size, socketserver.UDPServer.max_packet_size, socketserver.ThreadingMixIn.daemon_threads, socketserver.ThreadingMixIn.block_on_close, socketserver.BaseServer.timeout)", () =>
            {
                using var t = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler(), false);
                using var u = new UDPServer(("127.0.0.1", 0), () => new BaseRequestHandler(), false);
                return (t.request_queue_size, u.max_packet_size, t.daemon_threads, t.block_on_close, t.timeout);
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Serving_a_closed_server_raises_like_python()
    {
        new DifferentialTable("import socketserver\nH = socketserver.BaseRequestHandler")
            .Case("exec:s = socketserver.TCPServer(('127.0.0.1', 0), H); s.server_close(); s.serve_forever(0.01)", () =>
            {
                var s = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
                s.server_close();
                s.serve_forever(0.01);
            })
            .Case("exec:s = socketserver.UDPServer(('127.0.0.1', 0), H); s.server_close(); s.handle_request()", () =>
            {
                var s = new UDPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
                s.server_close();
                s.handle_request();
            })
            .Case("exec:s = socketserver.TCPServer(('127.0.0.1', 0), H); s.server_close(); s.server_close(); result = s.fileno()", () =>
            {
                var s = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
                s.server_close();
                s.server_close();
                return s.fileno();
            })
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Odd_poll_intervals_and_timeouts_raise_like_python()
    {
        var table = new DifferentialTable("import socketserver\nH = socketserver.BaseRequestHandler");
        foreach (var (py, value) in new[] { ("float('nan')", double.NaN), ("float('inf')", double.PositiveInfinity), ("1e10", 1e10), ("3e6", 3e6) })
        {
            table.Case($"exec:s = socketserver.TCPServer(('127.0.0.1', 0), H)\ntry: s.serve_forever({py})\nfinally: s.server_close()", () =>
            {
                using var s = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
                Bounded(() => s.serve_forever(value), s.shutdown);
            });
            table.Case($"exec:s = socketserver.TCPServer(('127.0.0.1', 0), H); s.timeout = {py}\ntry: s.handle_request()\nfinally: s.server_close()", () =>
            {
                using var s = new TCPServer(("127.0.0.1", 0), () => new BaseRequestHandler()) { timeout = value };
                Bounded(() => s.handle_request(), s.server_close);
            });
        }

        table.AssertSameAsPython();
    }

    /// <summary>Runs <paramref name="action"/> on another thread; if it has not returned within the bound, unblocks it and fails.</summary>
    private static void Bounded(Action action, Action unblock)
    {
        var task = Task.Run(action);
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Bound))
        {
            unblock();
            throw new TimeoutException("the call should have raised at once");
        }

        task.GetAwaiter().GetResult();
    }

    [Fact]
    public void Serve_forever_runs_again_after_an_invalid_poll_interval_raised()
    {
        using var server = new TCPServer(("127.0.0.1", 0), () => new ActionHandler(ReplyOk));
        FluentActions.Invoking(() => server.serve_forever(double.NaN)).Should().Throw<ValueError>();
        using (ServerHarness.Serve(server))
        {
            Exchange(server, "x").Should().Equal("ok"u8.ToArray());
        }
    }

    private sealed class SocketWatchingServer(SockAddr address) : TCPServer(address, () => new BaseRequestHandler())
    {
        public static SocketObject? LastSocket { get; private set; }

        public override void server_bind()
        {
            LastSocket = socket;
            base.server_bind();
        }
    }

    private sealed class DaemonServer(Func<BaseRequestHandler> handler) : ThreadingTCPServer(("127.0.0.1", 0), handler)
    {
        // Python: class DaemonServer(ThreadingTCPServer): daemon_threads = True; timeout = 7
        public override bool daemon_threads => true;

        public override bool block_on_close => false;

        public override double? timeout => 7;
    }

    private sealed class SmallPacketServer(Func<BaseRequestHandler> handler) : UDPServer(("127.0.0.1", 0), handler)
    {
        public override int max_packet_size => 3;
    }

    private sealed class TunedHandler(ConcurrentQueue<string> seen) : StreamRequestHandler
    {
        // Python: class TunedHandler(StreamRequestHandler): timeout = 2.5; disable_nagle_algorithm = True; rbufsize = 0; wbufsize = 64
        public override double? timeout => 2.5;

        public override bool disable_nagle_algorithm => true;

        public override int rbufsize => 0;

        public override int wbufsize => 64;

        public override void handle()
        {
            seen.Enqueue($"{connection.gettimeout()} {connection.getsockopt(IPPROTO_TCP, TCP_NODELAY)} {rfile.GetType().Name} {wfile.GetType().Name}");
            seen.Enqueue($"{Thread.CurrentThread.IsBackground}");
        }
    }

    private sealed class PacketLength(ConcurrentQueue<string> seen) : DatagramRequestHandler
    {
        public override void handle() => seen.Enqueue(Encoding.ASCII.GetString(packet));
    }

    [Fact]
    public void Python_class_attributes_are_overridden_in_a_subclass_as_python_does()
    {
        var seen = new ConcurrentQueue<string>();
        using (var server = new DaemonServer(() => new TunedHandler(seen)))
        {
            server.timeout.Should().Be(7);
            using var c = ServerHarness.Client(server);
            c.connect(server.server_address);
            server.handle_request();
            c.recv(10).Should().BeEmpty("the handler ran and the request was shut down");
        }

        seen.Should().Equal("2.5 1 SocketIO BufferedWriter", "True");

        using var udp = new SmallPacketServer(() => new PacketLength(seen));
        using var u = ServerHarness.Client(udp);
        u.sendto("abcdef"u8.ToArray(), udp.server_address);
        udp.handle_request();
        seen.Last().Should().Be("abc", "max_packet_size => 3 truncates the datagram");
    }

    [Fact]
    public void Server_close_is_idempotent_and_dispose_closes()
    {
        var server = new ThreadingUDPServer(("127.0.0.1", 0), () => new BaseRequestHandler());
        server.server_close();
        server.server_close();
        server.Dispose();
        server.fileno().Should().Be(-1);
    }

    [Theory]
    [InlineData("ForkingMixIn", "ThreadingMixIn")]
    [InlineData("ForkingTCPServer", "ThreadingTCPServer")]
    [InlineData("ForkingUDPServer", "ThreadingUDPServer")]
    [InlineData("ForkingUnixStreamServer", "ThreadingUnixStreamServer")]
    [InlineData("ForkingUnixDatagramServer", "ThreadingUnixDatagramServer")]
    public void Forking_classes_are_obsolete_as_errors_naming_the_threading_class(string name, string instead)
    {
        // Naming one of them does not compile (CS0619), so the test reads the attribute, and reaches the
        // constructor by reflection: it still raises PlatformNotSupportedException for code that gets there.
        var type = typeof(ThreadingMixIn).Assembly.GetType("PySocket." + name)!;
        var obsolete = type.GetCustomAttributes(typeof(ObsoleteAttribute), inherit: false).Cast<ObsoleteAttribute>().Single();
        obsolete.IsError.Should().BeTrue();
        obsolete.Message.Should().Contain(instead + " instead");
        var ctor = type.GetConstructors().Single();
        var args = ctor.GetParameters().Select(p => p.ParameterType == typeof(SockAddr) ? (object)(SockAddr)("127.0.0.1", 0)
            : p.ParameterType == typeof(bool) ? true : (Func<BaseRequestHandler>)(() => new BaseRequestHandler())).ToArray();
        FluentActions.Invoking(() => ctor.Invoke(args)).Should().Throw<System.Reflection.TargetInvocationException>()
            .WithInnerException<PlatformNotSupportedException>().WithMessage("*" + instead + "*");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
