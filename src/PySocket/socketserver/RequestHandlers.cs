using System;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

/// <summary>
/// socketserver.BaseRequestHandler: the base of request handlers. A new handler is made for each request (the
/// server calls its factory, Python's handler class) and the server then calls <see cref="__init__"/> with the
/// request, the client address and itself: that is Python's constructor, which does all the work: it stores
/// the three values, calls <see cref="setup"/>, then <see cref="handle"/>, and <see cref="finish"/> in a finally
/// block, so finish runs even when handle raised, but not when setup raised. Override handle() (and setup and
/// finish when needed). This non-generic handler serves any server: <see cref="request"/> is an object (the
/// connected <see cref="SocketObject"/> of a stream server, the <c>(byte[] data, SocketObject socket)</c> tuple of
/// a datagram server). Derive from <see cref="BaseRequestHandler{TRequest}"/> (or <see cref="StreamRequestHandler"/>,
/// <see cref="DatagramRequestHandler"/>) to get the request typed: <c>request.recv(1024)</c>,
/// <c>var (data, socket) = request;</c>, no cast.
/// </summary>
public partial class BaseRequestHandler
{
    private object? _request;
    private BaseServer? _server;

    /// <summary>
    /// request: the request (a connected socket, or <c>(data, socket)</c> for a datagram server). Set by
    /// <see cref="__init__"/>; reading it before raises InvalidOperationException (Python: AttributeError).
    /// </summary>
    public object request
    {
        get => _request ?? throw NoAttribute(nameof(request));
        set => _request = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>client_address: the client's address (null when the peer has none, e.g. an unbound AF_UNIX datagram socket).</summary>
    public SockAddr? client_address { get; set; }

    /// <summary>server: the server handling the request. Set by <see cref="__init__"/>; reading it before raises InvalidOperationException.</summary>
    public BaseServer server
    {
        get => _server ?? throw NoAttribute(nameof(server));
        set => _server = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// __init__(request, client_address, server): Python's constructor body: stores the arguments, then
    /// <c>setup(); try { handle(); } finally { finish(); }</c>. The server calls it once per handler.
    /// A typed handler (<see cref="BaseRequestHandler{TRequest}"/>) given another kind of request raises
    /// TypeError before setup().
    /// </summary>
    public void __init__(object request, SockAddr? client_address, BaseServer server)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(server);
        CheckRequest(request);
        this.request = request;
        this.client_address = client_address;
        this.server = server;
        setup();
        try
        {
            handle();
        }
        finally
        {
            finish();
        }
    }

    /// <summary>setup(): called before handle(). Default: nothing.</summary>
    public virtual void setup()
    {
    }

    /// <summary>handle(): serves the request. Default: nothing.</summary>
    public virtual void handle()
    {
    }

    /// <summary>finish(): called after handle(), even when it raised (not when setup() raised). Default: nothing.</summary>
    public virtual void finish()
    {
    }

    /// <summary>Python's AttributeError for an attribute not set yet: <c>'Echo' object has no attribute 'rfile'</c>.</summary>
    private protected InvalidOperationException NoAttribute(string name) => new($"'{GetType().Name}' object has no attribute '{name}'");

    /// <summary>A typed handler rejects a request of another type.</summary>
    private protected virtual void CheckRequest(object request)
    {
    }
}

/// <summary>
/// socketserver.BaseRequestHandler with a typed <see cref="request"/>: <c>BaseRequestHandler&lt;SocketObject&gt;</c>
/// for a stream server (<c>request.recv(1024)</c>), <c>BaseRequestHandler&lt;(byte[] data, SocketObject socket)&gt;</c>
/// for a datagram server (<c>var (data, socket) = request;</c>). Everything else is <see cref="BaseRequestHandler"/>.
/// </summary>
/// <typeparam name="TRequest">The server's request type.</typeparam>
public class BaseRequestHandler<TRequest> : BaseRequestHandler
{
    /// <summary>request: the request, typed. Set by <see cref="BaseRequestHandler.__init__"/>.</summary>
    public new TRequest request
    {
        get => (TRequest)base.request;
        set => base.request = value!;
    }

    private protected override void CheckRequest(object request)
    {
        if (request is not TRequest)
        {
            throw Errors.Type($"{GetType().Name} handles {Describe(typeof(TRequest))} requests, not {Describe(request.GetType())}: " +
                              "a stream server's handler derives from StreamRequestHandler or BaseRequestHandler<SocketObject>, a datagram " +
                              "server's from DatagramRequestHandler or BaseRequestHandler<(byte[] data, SocketObject socket)>");
        }
    }

    private static string Describe(Type type) =>
        type == typeof(ValueTuple<byte[], SocketObject>) ? "(byte[] data, SocketObject socket)" : type.Name;
}

/// <summary>
/// socketserver.StreamRequestHandler: a handler for stream servers with file objects over the connection.
/// setup() sets <see cref="connection"/> (the request socket), applies <see cref="timeout"/> (settimeout) and
/// <see cref="disable_nagle_algorithm"/> (TCP_NODELAY), then makes <see cref="rfile"/> =
/// <c>connection.makefile("rb", rbufsize)</c> (a buffered reader; rbufsize -1 is the default buffer size) and
/// <see cref="wfile"/>: with wbufsize 0 (the default) an unbuffered <see cref="BufferedIOBase"/> whose write() is
/// sendall() and returns the length (Python's <c>_SocketWriter</c>), otherwise <c>connection.makefile("wb", wbufsize)</c>.
/// finish() flushes wfile unless it is closed (ignoring OSError), then closes wfile and rfile; the socket itself is closed
/// by the server's shutdown_request. Python's class attributes (<c>timeout = 5</c>) are virtual properties: override
/// the getter (<c>public override double? timeout =&gt; 5;</c>) or set them in the handler's constructor.
/// connection, rfile and wfile exist from setup() on; reading them before raises InvalidOperationException (Python: AttributeError).
/// </summary>
public class StreamRequestHandler : BaseRequestHandler<SocketObject>
{
    private SocketObject? _connection;
    private SocketFile? _rfile;
    private BufferedIOBase? _wfile;

    /// <summary>rbufsize = -1: rfile's buffer size (-1: io.DEFAULT_BUFFER_SIZE; 0: unbuffered).</summary>
    public virtual int rbufsize { get; set; } = -1;

    /// <summary>wbufsize = 0: wfile's buffer size (0: every write is sent at once).</summary>
    public virtual int wbufsize { get; set; }

    /// <summary>timeout = None: when set, setup() gives the connection this timeout (a timed-out read raises TimeoutError).</summary>
    public virtual double? timeout { get; set; }

    /// <summary>disable_nagle_algorithm = False: when true, setup() sets TCP_NODELAY on the connection.</summary>
    public virtual bool disable_nagle_algorithm { get; set; }

    /// <summary>connection: the request socket (the same object as <see cref="BaseRequestHandler{TRequest}.request"/>), from setup() on.</summary>
    public SocketObject connection
    {
        get => _connection ?? throw NoAttribute(nameof(connection));
        set => _connection = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>rfile: <c>connection.makefile("rb", rbufsize)</c> (a BufferedReader; the raw SocketIO when rbufsize is 0), from setup() on.</summary>
    public SocketFile rfile
    {
        get => _rfile ?? throw NoAttribute(nameof(rfile));
        set => _rfile = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>wfile: the unbuffered socket writer (wbufsize 0) or <c>connection.makefile("wb", wbufsize)</c>; a BufferedIOBase either way, from setup() on.</summary>
    public BufferedIOBase wfile
    {
        get => _wfile ?? throw NoAttribute(nameof(wfile));
        set => _wfile = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>setup(): connection, timeout, TCP_NODELAY, rfile and wfile as described on the class.</summary>
    public override void setup()
    {
        connection = request;
        if (timeout is not null)
        {
            connection.settimeout(timeout);
        }

        if (disable_nagle_algorithm)
        {
            connection.setsockopt(Socket.IPPROTO_TCP, Socket.TCP_NODELAY, true);
        }

        rfile = (SocketFile)connection.makefile("rb", rbufsize);
        wfile = wbufsize == 0 ? new SocketWriter(connection) : (BufferedIOBase)connection.makefile("wb", wbufsize);
    }

    /// <summary>finish(): flushes wfile if it is open (an OSError is ignored), then closes wfile and rfile.</summary>
    public override void finish()
    {
        if (!wfile.closed)
        {
            try
            {
                wfile.flush();
            }
            catch (OSError)
            {
            }
        }

        wfile.close();
        rfile.close();
    }
}

/// <summary>
/// socketserver._SocketWriter: the unbuffered wfile of <see cref="StreamRequestHandler"/>. write(b) is
/// <c>sock.sendall(b)</c> and returns b's length; nothing is buffered, so flush() has nothing to do; fileno() is
/// the socket's. Closing it does not close the socket (and, as in Python, it holds no makefile reference).
/// It cannot read (UnsupportedOperation). Like Python's, it is a BufferedIOBase with no raw file.
/// </summary>
internal sealed class SocketWriter(SocketObject sock) : BufferedIOBase
{
    private bool _closed;

    public override bool closed => _closed;

    public override int name => _closed ? -1 : sock.fileno();

    public override string mode => "wb";

    public override bool readable() => false;

    public override bool writable() => true;

    public override int fileno() => sock.fileno();

    // IOBase.seekable: False, closed or not.
    public override bool seekable() => false;

    // IOBase.flush: a closed file raises ValueError; otherwise nothing is buffered.
    public override void flush() => CheckClosed();

    public override void close() => _closed = true;

    public override string ToString() => $"<socketserver._SocketWriter name={name}>";

    internal override byte[]? ReadBytes(int size) => throw Errors.Unsupported("read");

    internal override byte[] Read1Bytes(int size) => throw Errors.Unsupported("read1");

    internal override byte[] ReadLineBytes(int size) => throw Errors.Unsupported("read");

    internal override int? ReadInto(Span<byte> buffer) => throw Errors.Unsupported("readinto");

    internal override int? ReadInto1(Span<byte> buffer) => throw Errors.Unsupported("read1");

    // Python's _SocketWriter.write does not look at closed: it always calls sendall.
    internal override int WriteBytes(ReadOnlySpan<byte> data)
    {
        sock.sendall(data);
        return data.Length;
    }

    // write_async: sendall_async.
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    internal override async ValueTask<int> WriteAsyncCore(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await sock.sendall_async(data, 0, cancellationToken).ConfigureAwait(false);
        return data.Length;
    }

    internal override ValueTask FlushAsyncCore(CancellationToken cancellationToken)
    {
        CheckClosed();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// socketserver.DatagramRequestHandler: a handler for datagram servers. setup() unpacks the request into
/// <see cref="packet"/> and <see cref="socket"/> and makes <see cref="rfile"/> (a BytesIO over the packet) and
/// <see cref="wfile"/> (an empty BytesIO); finish() sends wfile's content to the client with sendto, always:
/// even an empty reply, and even after handle() raised. packet, socket, rfile and wfile exist from setup() on;
/// reading them before raises InvalidOperationException (Python: AttributeError).
/// </summary>
public class DatagramRequestHandler : BaseRequestHandler<(byte[] data, SocketObject socket)>
{
    private byte[]? _packet;
    private SocketObject? _socket;
    private BytesIO? _rfile;
    private BytesIO? _wfile;

    /// <summary>packet: the datagram received.</summary>
    public byte[] packet
    {
        get => _packet ?? throw NoAttribute(nameof(packet));
        set => _packet = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>socket: the server's socket (replies go out through it).</summary>
    public SocketObject socket
    {
        get => _socket ?? throw NoAttribute(nameof(socket));
        set => _socket = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>rfile: io.BytesIO(packet).</summary>
    public BytesIO rfile
    {
        get => _rfile ?? throw NoAttribute(nameof(rfile));
        set => _rfile = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>wfile: io.BytesIO(), the reply.</summary>
    public BytesIO wfile
    {
        get => _wfile ?? throw NoAttribute(nameof(wfile));
        set => _wfile = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>setup(): <c>self.packet, self.socket = self.request</c>; rfile = BytesIO(packet); wfile = BytesIO().</summary>
    public override void setup()
    {
        (packet, socket) = request;
        rfile = new BytesIO(packet);
        wfile = new BytesIO();
    }

    /// <summary>
    /// finish(): <c>socket.sendto(wfile.getvalue(), client_address)</c>; a null client_address (an unbound AF_UNIX
    /// client) raises TypeError there, as in Python.
    /// </summary>
    public override void finish() => socket.sendto(wfile.getvalue(), client_address);
}
