using System;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// create_connection_async(address): the async twin of <see cref="create_connection(SockAddr, bool, SockAddr?)"/>
    /// with the default timeout. Name resolution (getaddrinfo) is synchronous, as in asyncio's loop without an executor;
    /// each connection attempt is awaited.
    /// </summary>
    public static ValueTask<SocketObject> create_connection_async(SockAddr address, CancellationToken cancellationToken = default) =>
        CreateConnection(address, useTimeout: false, null, null, false, runAsync: true, cancellationToken);

    /// <summary>
    /// create_connection_async(address, timeout, source_address=None, all_errors=False): the async twin of
    /// <see cref="create_connection(SockAddr, double?, SockAddr?, bool)"/>: each attempt is awaited under
    /// <paramref name="timeout"/> (TimeoutError), the token's cancellation raises OperationCanceledException.
    /// </summary>
    public static ValueTask<SocketObject> create_connection_async(SockAddr address, double? timeout, SockAddr? source_address = null, bool all_errors = false,
        CancellationToken cancellationToken = default) =>
        CreateConnection(address, useTimeout: true, timeout, source_address, all_errors, runAsync: true, cancellationToken);
}
