using System;

namespace PySocket;

/// <summary>
/// socketserver.BaseRequestHandler: the base of request handlers. A new handler is made for each request (the
/// server calls its factory, Python's handler class) and the server then calls <see cref="__init__"/> with the
/// request, the client address and itself: that is Python's constructor, which does all the work: it stores
/// the three values, calls <see cref="setup"/>, then <see cref="handle"/>, and <see cref="finish"/> in a finally
/// block, so finish runs even when handle raised, but not when setup raised. Override handle() (and setup and
/// finish when needed). For stream servers <see cref="request"/> is the connected <see cref="SocketObject"/>; for
/// datagram servers it is the <c>(byte[] data, SocketObject socket)</c> tuple.
/// </summary>
public class BaseRequestHandler
{
    /// <summary>request: the request (a connected socket, or <c>(data, socket)</c> for a datagram server).</summary>
    public object request { get; set; } = null!;

    /// <summary>client_address: the client's address (null when the peer has none, e.g. an unbound AF_UNIX datagram socket).</summary>
    public SockAddr? client_address { get; set; }

    /// <summary>server: the server handling the request.</summary>
    public BaseServer server { get; set; } = null!;

    /// <summary>
    /// __init__(request, client_address, server): Python's constructor body: stores the arguments, then
    /// <c>setup(); try { handle(); } finally { finish(); }</c>. The server calls it once per handler.
    /// </summary>
    public void __init__(object request, SockAddr? client_address, BaseServer server)
    {
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
}

/// <summary>
/// socketserver.DatagramRequestHandler: a handler for datagram servers. setup() unpacks the request into
/// <see cref="packet"/> and <see cref="socket"/> and makes <see cref="rfile"/> (a BytesIO over the packet) and
/// <see cref="wfile"/> (an empty BytesIO); finish() sends wfile's content to the client with sendto, always:
/// even an empty reply, and even after handle() raised.
/// </summary>
public class DatagramRequestHandler : BaseRequestHandler
{
    /// <summary>packet: the datagram received.</summary>
    public byte[] packet { get; set; } = null!;

    /// <summary>socket: the server's socket (replies go out through it).</summary>
    public SocketObject socket { get; set; } = null!;

    /// <summary>rfile: io.BytesIO(packet).</summary>
    public BytesIO rfile { get; set; } = null!;

    /// <summary>wfile: io.BytesIO(), the reply.</summary>
    public BytesIO wfile { get; set; } = null!;

    /// <summary>setup(): <c>self.packet, self.socket = self.request</c>; rfile = BytesIO(packet); wfile = BytesIO().</summary>
    public override void setup()
    {
        (packet, socket) = ((byte[], SocketObject))request;
        rfile = new BytesIO(packet);
        wfile = new BytesIO();
    }

    /// <summary>finish(): <c>socket.sendto(wfile.getvalue(), client_address)</c>.</summary>
    public override void finish() => socket.sendto(wfile.getvalue(), client_address);
}
