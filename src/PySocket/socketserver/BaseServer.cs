using System;
using System.Threading;

namespace PySocket;

/// <summary>
/// socketserver.BaseServer(server_address, RequestHandlerClass): the base of all servers, a port of
/// CPython's Lib/socketserver.py.
/// <para>
/// The module captures the aspects of a server. For socket-based servers: the address family (AF_INET,
/// AF_INET6 or AF_UNIX) and the socket type (SOCK_STREAM, reliable streams such as TCP, or SOCK_DGRAM,
/// datagrams such as UDP). For request-based servers (socket-based included): client address verification
/// before looking further at the request (<see cref="BaseServer{TRequest}.verify_request"/>, really a hook for any processing that
/// must see the request first, such as logging), and how several requests are handled: synchronously (one at a
/// time, the default), or by threads (each request on a new thread). Forking has no .NET equivalent; the
/// Forking* classes are marked obsolete as errors, so using them does not compile.
/// </para>
/// <para>
/// The classes favour the server type that is simplest to write, a synchronous TCP/IP server. Four concrete
/// classes in an inheritance tree are synchronous servers of four kinds: <see cref="TCPServer"/> →
/// <see cref="UnixStreamServer"/>, and <see cref="TCPServer"/> → <see cref="UDPServer"/> →
/// <see cref="UnixDatagramServer"/>. UnixDatagramServer derives from UDPServer, not from UnixStreamServer: the
/// only difference between an IP and a Unix server is the address family, repeated in both Unix classes.
/// </para>
/// <para>
/// The work is a template method. <see cref="serve_forever(double)"/> and <see cref="handle_request"/> wait for
/// the descriptor to be readable, then run <c>get_request → verify_request → process_request →
/// finish_request</c> (which makes a handler with the factory and runs its <c>setup, handle, finish</c>) →
/// <c>shutdown_request → close_request</c>. An exception from process_request goes to <see cref="BaseServer{TRequest}.handle_error"/>
/// and the server keeps serving. Each step is a virtual method that a subclass overrides, as in Python.
/// </para>
/// <para>
/// As CPython's docstring groups them. Methods for the caller: the constructor
/// <c>(server_address, RequestHandlerClass)</c> (TCPServer's runs <c>server_bind → server_activate</c>, and
/// <c>server_close</c> if either raises), <see cref="serve_forever(double)"/>, <see cref="shutdown"/>,
/// <see cref="handle_request"/> (if you do not use serve_forever), <see cref="fileno"/> (for the selector) and
/// <see cref="server_close"/> (or <c>using</c>). Methods that may be overridden: server_bind, server_activate,
/// <see cref="BaseServer{TRequest}.get_request"/>, <see cref="handle_timeout"/> (handle_request's timeout passed),
/// <see cref="BaseServer{TRequest}.verify_request"/>, <see cref="server_close"/>, <see cref="BaseServer{TRequest}.process_request"/>,
/// <see cref="BaseServer{TRequest}.shutdown_request"/>, <see cref="BaseServer{TRequest}.close_request"/>, <see cref="service_actions"/> (once per
/// serve_forever loop) and <see cref="BaseServer{TRequest}.handle_error"/>. Method for derived classes: <see cref="BaseServer{TRequest}.finish_request"/>.
/// Class variables that a subclass overrides (virtual properties): <see cref="timeout"/>, address_family,
/// socket_type, request_queue_size, allow_reuse_address, allow_reuse_port, max_packet_size, daemon_threads,
/// block_on_close. Instance variables: <see cref="server_address"/>, <see cref="RequestHandlerClass"/>, socket.
/// </para>
/// <para>
/// Threading without mix-ins: Python writes <c>class ThreadingUDPServer(ThreadingMixIn, UDPServer): pass</c>.
/// C# has no multiple inheritance, so the mix-in is a behaviour object: when <see cref="mixin"/> holds a
/// <see cref="ThreadingMixIn"/>, <see cref="BaseServer{TRequest}.process_request"/> hands each request to a new thread and
/// <see cref="server_close"/> joins them. The mix-in's settings keep Python's names and live on the server, as
/// Python's class attributes do: <see cref="daemon_threads"/>, <see cref="block_on_close"/>, and (beyond Python)
/// <see cref="max_concurrent_requests"/>. Python's class attributes (<see cref="timeout"/>, daemon_threads,
/// block_on_close, and TCPServer's address_family, allow_reuse_address, ...) are virtual properties, so a subclass
/// overrides them as Python does: <c>public override bool daemon_threads =&gt; true;</c>. Any server is made
/// threading in one line:
/// <code>
/// class MyServer : TCPServer   // Python: class MyServer(ThreadingMixIn, TCPServer): pass
/// {
///     public MyServer(SockAddr address, Func&lt;BaseRequestHandler&gt; handler) : base(address, handler) =&gt; mixin = new ThreadingMixIn();
/// }
/// </code>
/// or <c>new TCPServer(address, handler) { mixin = new ThreadingMixIn() }</c>. The Threading* classes do exactly that.
/// </para>
/// <para>
/// To implement a service, derive a class from <see cref="BaseRequestHandler"/> and override its handle()
/// method; the server takes a factory that returns a new handler per request (Python's handler class). Stream
/// and datagram services need different handlers; <see cref="StreamRequestHandler"/> and
/// <see cref="DatagramRequestHandler"/> hide the difference. A threading server shares the handlers' state
/// between threads: use locks where two requests could change it at once. A synchronous server is "deaf" while
/// one request is handled, which may be long if a client is slow; a threading server is then the right choice.
/// </para>
/// <para>
/// BaseServer itself has no socket (as in Python): a subclass provides <see cref="fileno"/> and
/// <see cref="BaseServer{TRequest}.get_request"/> (e.g. to read entries from a database), so the class is abstract.
/// Disposing is <see cref="server_close"/> (Python's <c>with</c> block).
/// </para>
/// <para>
/// Typed requests: a server derives from <see cref="BaseServer{TRequest}"/>, whose request-taking methods
/// (get_request, verify_request, process_request, finish_request, shutdown_request, close_request, handle_error)
/// take the server's own request type: a <see cref="SocketObject"/> for the stream servers, a
/// <c>(byte[] data, SocketObject socket)</c> tuple for the datagram servers. This non-generic class holds what
/// does not depend on the request type (serve_forever, shutdown, handle_request, the settings), so code that
/// runs any server (and a handler's <see cref="BaseRequestHandler.server"/>) uses it.
/// </para>
/// </summary>
public abstract partial class BaseServer : IDisposable
{
    [ThreadStatic]
    private static Exception? _excInfo;

    private readonly object _gate = new();
    private long _runsFinished; // serve_forever runs that have ended; shutdown() waits for the one it stopped
    private bool _shutdownRequest;
    private bool _serving;
    private Thread? _servingThread;
    private ServerPoll? _poll;
    private CancellationToken _token;
    private int? _maxConcurrentRequests;

    /// <summary>BaseServer(server_address, RequestHandlerClass): stores both; it creates no socket. Derive from <see cref="BaseServer{TRequest}"/>.</summary>
    private protected BaseServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass)
    {
        this.server_address = server_address;
        this.RequestHandlerClass = RequestHandlerClass ?? throw new ArgumentNullException(nameof(RequestHandlerClass));
    }

    /// <summary>server_address: the address given, replaced by the real bound address (port 0 → the port chosen) after server_bind().</summary>
    public SockAddr server_address { get; set; }

    /// <summary>RequestHandlerClass: the factory that returns a new handler for each request.</summary>
    public Func<BaseRequestHandler> RequestHandlerClass { get; set; }

    /// <summary>timeout = None: handle_request()'s timeout in seconds (null waits forever); serve_forever ignores it.</summary>
    public virtual double? timeout { get; set; }

    /// <summary>
    /// The ThreadingMixIn in C#: null (the default) handles requests synchronously; a <see cref="ThreadingMixIn"/>
    /// runs each request on a new thread. The Threading* servers set it in their constructor.
    /// </summary>
    public ThreadingMixIn? mixin { get; set; }

    /// <summary>ThreadingMixIn.daemon_threads = False: request threads are background threads (not joined by server_close).</summary>
    public virtual bool daemon_threads { get; set; }

    /// <summary>ThreadingMixIn.block_on_close = True: server_close() waits for the non-daemon request threads.</summary>
    public virtual bool block_on_close { get; set; } = true;

    /// <summary>
    /// max_concurrent_requests = None (beyond Python): at most this many request threads at once on a threading
    /// server; when all are busy, process_request waits for one to finish (new connections wait in the listen
    /// backlog), like ForkingMixIn's max_children. shutdown() ends that wait, and the waiting request is closed.
    /// Null is unbounded, as in Python. It has no effect on a synchronous server. Values below 1 raise ValueError.
    /// </summary>
    public int? max_concurrent_requests
    {
        get => _maxConcurrentRequests;
        set => _maxConcurrentRequests = value is < 1 ? throw Errors.Value("max_concurrent_requests must be None or at least 1") : value;
    }

    /// <summary>
    /// sys.exc_info()[1] for <see cref="BaseServer{TRequest}.handle_error"/>: the exception being handled, set on the
    /// calling thread while handle_error runs (Python's handle_error runs inside the except block and reads sys.exc_info()).
    /// </summary>
    public static Exception? exc_info => _excInfo;

    /// <summary>
    /// The clock handle_request measures its timeout with (Python's time.monotonic); a test seam, as is
    /// <see cref="WaitHook"/>.
    /// </summary>
    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Replaces the poll of the server's descriptor (a test seam): (fd, timeout) → readable.</summary>
    internal Func<int, double?, bool>? WaitHook { get; set; }

    /// <summary>
    /// True while serve_forever runs and shutdown() was asked for (or its token was cancelled). A shutdown() made
    /// while nothing serves is only pending for the next serve_forever: it does not count here, so it does not
    /// reject a handle_request's request waiting for a max_concurrent_requests slot.
    /// </summary>
    internal bool ShutdownPending
    {
        get
        {
            lock (_gate)
            {
                return _serving && (_shutdownRequest || _token.IsCancellationRequested);
            }
        }
    }

    /// <summary>fileno(): the descriptor serve_forever and handle_request poll (TCPServer: the socket's).</summary>
    public abstract int fileno();

    /// <summary>server_activate(): called by the constructor to activate the server (TCPServer: listen). Default: nothing.</summary>
    public virtual void server_activate()
    {
    }

    /// <summary>
    /// serve_forever(poll_interval=0.5): handles one request at a time until shutdown(). It polls fileno() for
    /// <paramref name="poll_interval"/> seconds at a time, runs <see cref="service_actions"/> after each wait
    /// (even an idle one), ignores <see cref="timeout"/>, and never calls handle_timeout. A shutdown() during the
    /// wait ends it at once (CPython waits out the poll interval; here a wake-up descriptor interrupts it) and no
    /// request that arrived meanwhile is handled (bpo-35017). It may be called again after it stopped.
    /// A shutdown() that came before this call makes it return at once (see <see cref="shutdown"/>).
    /// </summary>
    public void serve_forever(double poll_interval = 0.5) => serve_forever(poll_interval, CancellationToken.None);

    /// <summary>
    /// serve_forever(poll_interval, token) (beyond Python): as <see cref="serve_forever(double)"/>, and it also
    /// stops, at once, when <paramref name="token"/> is cancelled.
    /// </summary>
    public void serve_forever(double poll_interval, CancellationToken token)
    {
        ServerPoll poll;
        lock (_gate)
        {
            if (_serving)
            {
                throw new InvalidOperationException("serve_forever() is already running on another thread");
            }

            if (_shutdownRequest || token.IsCancellationRequested)
            {
                // A shutdown() that arrived before this call (Python leaves its flag set the same way).
                _shutdownRequest = false;
                return;
            }

            poll = ServerPoll.Open(this, wakeup: true);
            _poll = poll;
            _serving = true;
            _servingThread = Thread.CurrentThread;
            _token = token;
        }

        try
        {
            using var registration = token.Register(() =>
            {
                poll.Wake();
                mixin?.WakeWaiters();
            });
            while (!ShutdownPending)
            {
                var ready = Wait(poll, poll_interval);
                if (ShutdownPending)
                {
                    break;
                }

                if (ready)
                {
                    HandleRequestNoBlock();
                }

                service_actions();
            }
        }
        finally
        {
            lock (_gate)
            {
                _shutdownRequest = false;
                _serving = false;
                _servingThread = null;
                _token = CancellationToken.None;
                _poll = null;
                poll.Dispose();
                _runsFinished++;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// shutdown(): stops serve_forever and returns once it has stopped. Call it from another thread. It waits for
    /// the run it stopped only: a serve_forever started again right afterwards does not keep it waiting.
    /// Differences from CPython, which would block forever in these cases: called before serve_forever has
    /// started (or after it stopped) it returns at once and the next serve_forever returns immediately (the
    /// request stays pending, as Python's flag does); a second call returns at once; called from a handler on
    /// the serve_forever thread it asks for the stop and returns without waiting. While a request thread is
    /// waiting for a <see cref="max_concurrent_requests"/> slot, shutdown ends that wait.
    /// </summary>
    public void shutdown()
    {
        long run;
        lock (_gate)
        {
            _shutdownRequest = true;
            if (!_serving)
            {
                return;
            }

            _poll?.Wake();
            if (_servingThread == Thread.CurrentThread)
            {
                return;
            }

            run = _runsFinished;
        }

        mixin?.WakeWaiters();

        // Wait for the run this call stopped, not for a serve_forever started again right after it.
        lock (_gate)
        {
            while (_runsFinished == run)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>service_actions(): called by serve_forever once per loop, even when idle. Default: nothing.</summary>
    public virtual void service_actions()
    {
    }

    /// <summary>
    /// handle_request(): waits for and handles one request. The timeout is the smaller of the socket's timeout
    /// and <see cref="timeout"/>, ignoring nulls (both null: wait forever). When it passes, handle_request calls
    /// <see cref="handle_timeout"/> and returns. On a threading server it only starts the thread.
    /// Python returns handle_timeout()'s value (None unless a subclass returns something); here both are void.
    /// </summary>
    public void handle_request()
    {
        var socketTimeout = SocketTimeout();
        double? wait = socketTimeout is null ? timeout : timeout is null ? socketTimeout : Math.Min(socketTimeout.Value, timeout.Value);
        var total = wait;
        var start = Clock.GetTimestamp();
        using var poll = ServerPoll.Open(this, wakeup: false);
        while (true)
        {
            if (Wait(poll, wait))
            {
                HandleRequestNoBlock();
                return;
            }

            if (total is double t)
            {
                // timeout = deadline - time()
                wait = t - Clock.GetElapsedTime(start).TotalSeconds;
                if (wait < 0)
                {
                    handle_timeout();
                    return;
                }
            }
        }
    }

    /// <summary>handle_timeout(): called when handle_request's timeout passes. Default: nothing.</summary>
    public virtual void handle_timeout()
    {
    }

    /// <summary>
    /// server_close(): cleans up the server (TCPServer closes its socket, then calls this). With a
    /// <see cref="ThreadingMixIn"/> it then joins the non-daemon request threads when block_on_close.
    /// Idempotent.
    /// </summary>
    public virtual void server_close()
    {
        mixin?.join();
        JoinAsyncRequests();
    }

    /// <summary>Dispose(): server_close(), as Python's <c>with</c> block does on exit.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The dispose pattern's hook: <paramref name="disposing"/> true (from <see cref="Dispose()"/>) calls
    /// <see cref="server_close"/>. Override <see cref="server_close"/> for Python-style clean-up; override this only
    /// for .NET resources, calling the base.
    /// </summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            server_close();
        }
    }

    /// <summary>_handle_request_noblock() of the typed server.</summary>
    private protected abstract void HandleRequestNoBlock();

    /// <summary>Runs <paramref name="report"/> with <paramref name="error"/> as <see cref="exc_info"/>.</summary>
    private protected static void WithExcInfo(Exception error, Action report)
    {
        var saved = _excInfo;
        _excInfo = error;
        try
        {
            report();
        }
        finally
        {
            _excInfo = saved;
        }
    }

    /// <summary>The socket's timeout for handle_request; a BaseServer without a socket has none.</summary>
    private protected virtual double? SocketTimeout() => null;

    private bool Wait(ServerPoll poll, double? seconds) =>
        WaitHook is { } hook ? hook(fileno(), seconds) : poll.Wait(seconds);
}

/// <summary>
/// socketserver.BaseServer with its request type: the base to derive a server from (Python's
/// <c>class MyServer(socketserver.BaseServer)</c>). <typeparamref name="TRequest"/> is what
/// <see cref="get_request"/> returns and every request hook receives: the stream servers use
/// <see cref="SocketObject"/> (<see cref="TCPServer"/>), the datagram servers <c>(byte[] data, SocketObject
/// socket)</c> (<see cref="UDPServer"/>). The hooks override with that type, so a port writes
/// <c>public override bool verify_request(SocketObject request, SockAddr? client_address)</c> without a cast.
/// See <see cref="BaseServer"/> for the whole design.
/// </summary>
/// <typeparam name="TRequest">The request type: what get_request returns.</typeparam>
public abstract partial class BaseServer<TRequest> : BaseServer
{
    /// <summary>BaseServer(server_address, RequestHandlerClass): stores both; it creates no socket.</summary>
#pragma warning disable RS0022 // The non-generic BaseServer is the shared part of every BaseServer<TRequest>; deriving from BaseServer<TRequest> is the intended way in.
    protected BaseServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass)
        : base(server_address, RequestHandlerClass)
    {
    }
#pragma warning restore RS0022

    /// <summary>get_request(): the next request and its client address; an OSError here is ignored by the server loop.</summary>
    public abstract (TRequest request, SockAddr? client_address) get_request();

    /// <summary>
    /// _handle_request_noblock(): handles one request, assuming fileno() is readable. An OSError from
    /// get_request is swallowed; verify_request false → shutdown_request only; an exception from
    /// process_request → handle_error, then shutdown_request, and the server goes on.
    /// </summary>
    protected void _handle_request_noblock()
    {
        TRequest request;
        SockAddr? client_address;
        try
        {
            (request, client_address) = get_request();
        }
        catch (OSError)
        {
            return;
        }

        if (verify_request(request, client_address))
        {
            try
            {
                process_request(request, client_address);
            }
            catch (Exception e)
            {
                HandleError(request, client_address, e);
                shutdown_request(request);
            }
        }
        else
        {
            shutdown_request(request);
        }
    }

    /// <summary>verify_request(request, client_address): false rejects the request (it is shut down unhandled). Default: true.</summary>
    public virtual bool verify_request(TRequest request, SockAddr? client_address) => true;

    /// <summary>
    /// process_request(request, client_address): synchronously finish_request then shutdown_request; with a
    /// <see cref="ThreadingMixIn"/> in <see cref="BaseServer.mixin"/>, the mix-in's process_request (a new thread).
    /// When the handler factory makes async handlers (<see cref="AsyncStreamRequestHandler"/>), the request runs as a
    /// task instead (no thread per request, with or without the mix-in): the handler's setup, <c>await handle_async()</c>,
    /// <c>await finish_async()</c>, then shutdown_request; an exception goes to handle_error.
    /// </summary>
    public virtual void process_request(TRequest request, SockAddr? client_address)
    {
        if (TryProcessAsync(request, client_address))
        {
            return;
        }

        if (mixin is { } threading)
        {
            threading.process_request(this, request, client_address);
            return;
        }

        finish_request(request, client_address);
        shutdown_request(request);
    }

    /// <summary>finish_request(request, client_address): makes a handler with the factory and runs it (<see cref="BaseRequestHandler.__init__"/>).</summary>
    public virtual void finish_request(TRequest request, SockAddr? client_address)
    {
        var handler = TakeFirstHandler() ?? RequestHandlerClass() ?? throw new InvalidOperationException("the request handler factory returned null");
        handler.__init__(request!, client_address, this);
    }

    /// <summary>shutdown_request(request): ends one request (TCPServer: shutdown(SHUT_WR) then close). Default: close_request.</summary>
    public virtual void shutdown_request(TRequest request) => close_request(request);

    /// <summary>close_request(request): cleans up one request. Default: nothing.</summary>
    public virtual void close_request(TRequest request)
    {
    }

    /// <summary>
    /// handle_error(request, client_address): reports a request's exception (available as <see cref="BaseServer.exc_info"/>)
    /// and lets the server continue. The default prints to standard error Python's layout: 40 dashes,
    /// <c>Exception occurred during processing of request from ('127.0.0.1', 40000)</c>, the exception, 40
    /// dashes. The exception is .NET's <c>Exception.ToString()</c> (type, message and .NET stack trace), not a
    /// Python traceback.
    /// </summary>
    public virtual void handle_error(TRequest request, SockAddr? client_address)
    {
        var dashes = new string('-', 40);
        var text = $"{dashes}\nException occurred during processing of request from {client_address?.ToString() ?? "None"}\n" +
                   $"{(exc_info is { } e ? e.ToString() : "NoneType: None")}\n{dashes}\n";
        Console.Error.Write(text);
        Console.Error.Flush();
    }

    /// <summary>Runs handle_error with <paramref name="error"/> as <see cref="BaseServer.exc_info"/>.</summary>
    internal void HandleError(TRequest request, SockAddr? clientAddress, Exception error) =>
        WithExcInfo(error, () => handle_error(request, clientAddress));

    private protected sealed override void HandleRequestNoBlock() => _handle_request_noblock();
}
