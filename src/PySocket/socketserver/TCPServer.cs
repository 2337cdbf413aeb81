using System;

namespace PySocket;

/// <summary>
/// socketserver.TCPServer as Python's docstring has it, "the base class for various socket-based server
/// classes", with its request type: the socket, its family and type, bind, listen and close.
/// <see cref="TCPServer"/> (requests are <see cref="SocketObject"/>s) and <see cref="UDPServer"/> (requests are
/// <c>(byte[] data, SocketObject socket)</c>) derive from it, as Python's UDPServer derives from TCPServer.
/// The constructor creates the socket and, when <c>bind_and_activate</c> is true, calls server_bind() and
/// server_activate(); if either fails the socket is closed (server_close) and the exception propagates.
/// Python's class attributes (<c>address_family = AF_INET6</c>, <c>allow_reuse_address = True</c>) are virtual
/// properties: a subclass overrides the getter (<c>public override bool allow_reuse_address =&gt; true;</c>),
/// and the constructor already sees the override.
/// </summary>
/// <typeparam name="TRequest">The request type: <see cref="SocketObject"/> or <c>(byte[] data, SocketObject socket)</c>.</typeparam>
public abstract class TCPServer<TRequest> : BaseServer<TRequest>
{
    private int _requestQueueSize = 5;
    private bool _allowReuseAddress;
    private bool _allowReusePort;

    /// <summary>TCPServer(server_address, RequestHandlerClass, bind_and_activate=True).</summary>
    protected TCPServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true)
        : base(server_address, RequestHandlerClass)
    {
#pragma warning disable CA2214 // Python's class attributes are read by the constructor: overriding them is the point.
        socket = new SocketObject(address_family, socket_type);
        if (bind_and_activate)
        {
            try
            {
                server_bind();
                server_activate();
            }
            catch
            {
                server_close();
                throw;
            }
        }
#pragma warning restore CA2214
    }

    /// <summary>address_family = AF_INET: the family of the server socket.</summary>
    public virtual int address_family => Socket.AF_INET;

    /// <summary>socket_type = SOCK_STREAM: the type of the server socket.</summary>
    public virtual int socket_type => Socket.SOCK_STREAM;

    /// <summary>request_queue_size = 5: the listen() backlog.</summary>
    public virtual int request_queue_size
    {
        get => _requestQueueSize;
        set => _requestQueueSize = value;
    }

    /// <summary>allow_reuse_address = False: server_bind sets SO_REUSEADDR=1 when true.</summary>
    public virtual bool allow_reuse_address
    {
        get => _allowReuseAddress;
        set => _allowReuseAddress = value;
    }

    /// <summary>allow_reuse_port = False: server_bind sets SO_REUSEPORT=1 when true.</summary>
    public virtual bool allow_reuse_port
    {
        get => _allowReusePort;
        set => _allowReusePort = value;
    }

    /// <summary>socket: the server's socket object.</summary>
    public SocketObject socket { get; set; }

    /// <summary>server_bind(): applies allow_reuse_address / allow_reuse_port, binds to server_address, then stores the real address (getsockname()).</summary>
    public virtual void server_bind()
    {
        if (allow_reuse_address)
        {
            socket.setsockopt(Socket.SOL_SOCKET, Socket.SO_REUSEADDR, 1);
        }

        if (allow_reuse_port)
        {
            socket.setsockopt(Socket.SOL_SOCKET, Socket.SO_REUSEPORT, 1);
        }

        socket.bind(server_address);
        server_address = socket.getsockname();
    }

    /// <summary>server_activate(): socket.listen(request_queue_size).</summary>
    public override void server_activate() => socket.listen(request_queue_size);

    /// <summary>server_close(): closes the socket (idempotent), then BaseServer.server_close (joins request threads of a threading server).</summary>
    public override void server_close()
    {
        socket.close();
        base.server_close();
    }

    /// <summary>fileno(): socket.fileno() (-1 once closed).</summary>
    public override int fileno() => socket.fileno();

    private protected override double? SocketTimeout() => socket.gettimeout();
}

/// <summary>
/// socketserver.TCPServer(server_address, RequestHandlerClass, bind_and_activate=True): a synchronous stream
/// server. A request is the connected <see cref="SocketObject"/> that accept() returns; after the handler it
/// is shut down (SHUT_WR) and closed. See <see cref="TCPServer{TRequest}"/> for the socket and its settings.
/// </summary>
public class TCPServer : TCPServer<SocketObject>
{
    /// <summary>TCPServer(server_address, RequestHandlerClass, bind_and_activate=True).</summary>
    public TCPServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true)
        : base(server_address, RequestHandlerClass, bind_and_activate)
    {
    }

    /// <summary>get_request(): socket.accept(): the connected socket (the request) and the client's address.</summary>
    public override (SocketObject request, SockAddr? client_address) get_request()
    {
        var (conn, address) = socket.accept();
        return (conn, address);
    }

    /// <summary>shutdown_request(request): request.shutdown(SHUT_WR), ignoring OSError (e.g. ENOTCONN), then close_request.</summary>
    public override void shutdown_request(SocketObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            request.shutdown(Socket.SHUT_WR);
        }
        catch (OSError)
        {
        }

        close_request(request);
    }

    /// <summary>close_request(request): request.close().</summary>
    public override void close_request(SocketObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.close();
    }
}

/// <summary>
/// socketserver.UDPServer(server_address, RequestHandlerClass, bind_and_activate=True): a synchronous datagram
/// server. A request is <c>(data, socket)</c>, a <c>(byte[] data, SocketObject socket)</c> tuple, with at most
/// <see cref="max_packet_size"/> bytes; there is no listen() and nothing is closed per request.
/// </summary>
public class UDPServer : TCPServer<(byte[] data, SocketObject socket)>
{
    /// <summary>UDPServer(server_address, RequestHandlerClass, bind_and_activate=True).</summary>
    public UDPServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true)
        : base(server_address, RequestHandlerClass, bind_and_activate)
    {
    }

    /// <summary>socket_type = SOCK_DGRAM.</summary>
    public override int socket_type => Socket.SOCK_DGRAM;

    /// <summary>max_packet_size = 8192: recvfrom's buffer size; longer datagrams are truncated.</summary>
    public virtual int max_packet_size { get; set; } = 8192;

    /// <summary>get_request(): <c>data, client_addr = socket.recvfrom(max_packet_size)</c>; returns <c>((data, socket), client_addr)</c>.</summary>
    public override ((byte[] data, SocketObject socket) request, SockAddr? client_address) get_request()
    {
        var (data, address) = socket.recvfrom(max_packet_size);
        return ((data, socket), address);
    }

    /// <summary>server_activate(): nothing (datagram sockets do not listen).</summary>
    public override void server_activate()
    {
    }

    /// <summary>shutdown_request(request): close_request only.</summary>
    public override void shutdown_request((byte[] data, SocketObject socket) request) => close_request(request);

    /// <summary>close_request(request): nothing: the server socket is shared by all requests.</summary>
    public override void close_request((byte[] data, SocketObject socket) request)
    {
    }
}

/// <summary>
/// socketserver.UnixStreamServer(server_address, RequestHandlerClass, bind_and_activate=True): TCPServer with
/// address_family AF_UNIX; server_address is a filesystem path (or an abstract name). The path is never unlinked.
/// </summary>
public class UnixStreamServer : TCPServer
{
    /// <summary>UnixStreamServer(server_address, RequestHandlerClass, bind_and_activate=True).</summary>
    public UnixStreamServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true)
        : base(server_address, RequestHandlerClass, bind_and_activate)
    {
    }

    /// <summary>address_family = AF_UNIX.</summary>
    public override int address_family => Socket.AF_UNIX;
}

/// <summary>
/// socketserver.UnixDatagramServer(server_address, RequestHandlerClass, bind_and_activate=True): UDPServer (not
/// UnixStreamServer) with address_family AF_UNIX. A client must bind its own path to receive replies.
/// </summary>
public class UnixDatagramServer : UDPServer
{
    /// <summary>UnixDatagramServer(server_address, RequestHandlerClass, bind_and_activate=True).</summary>
    public UnixDatagramServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true)
        : base(server_address, RequestHandlerClass, bind_and_activate)
    {
    }

    /// <summary>address_family = AF_UNIX.</summary>
    public override int address_family => Socket.AF_UNIX;
}
