using System;
using System.Collections.Generic;
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
        CreateConnectionAsync(address, useTimeout: false, null, null, false, cancellationToken);

    /// <summary>
    /// create_connection_async(address, timeout, source_address=None, all_errors=False): the async twin of
    /// <see cref="create_connection(SockAddr, double?, SockAddr?, bool)"/>: each attempt is awaited under
    /// <paramref name="timeout"/> (TimeoutError), the token's cancellation raises OperationCanceledException.
    /// </summary>
    public static ValueTask<SocketObject> create_connection_async(SockAddr address, double? timeout, SockAddr? source_address = null, bool all_errors = false,
        CancellationToken cancellationToken = default) =>
        CreateConnectionAsync(address, useTimeout: true, timeout, source_address, all_errors, cancellationToken);

    private static async ValueTask<SocketObject> CreateConnectionAsync(SockAddr address, bool useTimeout, double? timeout, SockAddr? sourceAddress, bool allErrors,
        CancellationToken cancellationToken)
    {
        if (address is null)
        {
            throw Errors.Type("cannot unpack non-iterable NoneType object");
        }

        var (host, port) = address;
        var entries = ResolveForConnection(host, port);
        var exceptions = new List<Exception>();
        foreach (var entry in entries)
        {
            SocketObject? sock = null;
            try
            {
                sock = socket(entry.Family, entry.SockType, entry.Protocol);
                if (useTimeout)
                {
                    sock.settimeout(timeout);
                }

                if (sourceAddress is not null && !(sourceAddress.IsPath && sourceAddress.path!.Length == 0))
                {
                    sock.bind(sourceAddress);
                }

                await sock.connect_async(GetAddrInfo.ToSockAddr(entry.Address), cancellationToken).ConfigureAwait(false);
                return sock;
            }
            catch (OSError exc)
            {
                if (!allErrors)
                {
                    exceptions.Clear();
                }

                exceptions.Add(exc);
                sock?.close();
            }
            catch
            {
                sock?.close();
                throw;
            }
        }

        if (exceptions.Count > 0)
        {
            if (!allErrors)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exceptions[0]);
            }

            throw new ExceptionGroup("create_connection failed", exceptions);
        }

        throw Errors.Message("getaddrinfo returns an empty list");
    }
}
