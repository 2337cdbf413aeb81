using System;
using System.Threading;
using System.Threading.Tasks;

namespace PySocket;

/// <summary>
/// An async stream request handler: <see cref="StreamRequestHandler"/> whose work is <see cref="handle_async"/>
/// (an <c>async Task</c>), with <c>await rfile.readline_async()</c> and <c>await wfile.write_async(...)</c>. The same
/// server classes (TCPServer, ThreadingTCPServer, UnixStreamServer, ...) serve it without a thread per
/// connection: when the factory makes an async handler, process_request runs the request as a task
/// (setup(), <c>await handle_async()</c>, <c>await finish_async()</c> in a finally block, then the server's
/// shutdown_request). While a request waits for data no thread is held, so one server holds thousands of connections.
/// </summary>
public class AsyncStreamRequestHandler : StreamRequestHandler
{
    /// <summary>handle_async(): serves the request. Default: nothing.</summary>
    public virtual Task handle_async() => Task.CompletedTask;

    /// <summary>finish_async(): as finish(), with wfile flushed asynchronously: flush (an OSError is ignored), then close wfile and rfile.</summary>
    public virtual async Task finish_async()
    {
        if (!wfile.closed)
        {
            try
            {
                await wfile.flush_async().ConfigureAwait(false);
            }
            catch (OSError)
            {
            }
        }

        wfile.close();
        rfile.close();
    }

    /// <summary>handle(): an async handler run synchronously (a server runs <see cref="handle_async"/> as a task instead).</summary>
    public override void handle() => handle_async().GetAwaiter().GetResult();

    internal override async Task InitAsync(object request, SockAddr? client_address, BaseServer server)
    {
        Store(request, client_address, server);
        setup();
        try
        {
            await handle_async().ConfigureAwait(false);
        }
        finally
        {
            await finish_async().ConfigureAwait(false);
        }
    }
}

public partial class BaseRequestHandler
{
    /// <summary>The async handler's __init__ (null: not an async handler).</summary>
    internal virtual Task? InitAsync(object request, SockAddr? client_address, BaseServer server) => null;

    /// <summary>__init__'s checks and assignments.</summary>
    private protected void Store(object request, SockAddr? client_address, BaseServer server)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(server);
        CheckRequest(request);
        this.request = request;
        this.client_address = client_address;
        this.server = server;
    }
}

public abstract partial class BaseServer
{
    private readonly object _asyncGate = new();
    private int _handlerKind;
    private BaseRequestHandler? _firstHandler;
    private int _asyncActive;

    /// <summary>The number of async requests running now.</summary>
    internal int AsyncRequestsActive => Volatile.Read(ref _asyncActive);

    /// <summary>The first handler made by <see cref="TryMakeAsync"/> when it was a synchronous one (finish_request uses it).</summary>
    private protected BaseRequestHandler? TakeFirstHandler() => Interlocked.Exchange(ref _firstHandler, null);

    /// <summary>An async handler for the next request, or null (the request is processed synchronously).</summary>
    private protected BaseRequestHandler? TryMakeAsync()
    {
        if (Volatile.Read(ref _handlerKind) == 1)
        {
            return null;
        }

        var handler = RequestHandlerClass() ?? throw new InvalidOperationException("the request handler factory returned null");
        if (handler is AsyncStreamRequestHandler)
        {
            Volatile.Write(ref _handlerKind, 2);
            return handler;
        }

        Volatile.Write(ref _handlerKind, 1);
        Volatile.Write(ref _firstHandler, handler);
        return null;
    }

    private protected void AsyncStarted() => Interlocked.Increment(ref _asyncActive);

    private protected void AsyncEnded()
    {
        if (Interlocked.Decrement(ref _asyncActive) == 0)
        {
            lock (_asyncGate)
            {
                Monitor.PulseAll(_asyncGate);
            }
        }
    }

    /// <summary>server_close with block_on_close (and not daemon_threads): waits for the running async requests, as the mix-in joins its threads.</summary>
    private void JoinAsyncRequests()
    {
        if (!block_on_close || daemon_threads)
        {
            return;
        }

        lock (_asyncGate)
        {
            while (Volatile.Read(ref _asyncActive) > 0)
            {
                Monitor.Wait(_asyncGate);
            }
        }
    }
}

public abstract partial class BaseServer<TRequest>
{
    /// <summary>Runs the request as a task when the factory makes async handlers; false for a synchronous handler.</summary>
    private bool TryProcessAsync(TRequest request, SockAddr? client_address)
    {
        var handler = TryMakeAsync();
        if (handler is null)
        {
            return false;
        }

        AsyncStarted();
        _ = Task.Run(() => RunAsync(handler, request, client_address));
        return true;
    }

    private async Task RunAsync(BaseRequestHandler handler, TRequest request, SockAddr? client_address)
    {
        try
        {
            await handler.InitAsync(request!, client_address, this)!.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            HandleError(request, client_address, e);
        }
        finally
        {
            try
            {
                shutdown_request(request);
            }
            catch (Exception e)
            {
                HandleError(request, client_address, e);
            }

            AsyncEnded();
        }
    }
}
