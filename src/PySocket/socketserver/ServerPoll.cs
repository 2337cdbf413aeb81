using System;

namespace PySocket;

/// <summary>
/// socketserver's <c>_ServerSelector</c>: a <see cref="PollSelector"/> (a <see cref="SelectSelector"/> on Windows,
/// where CPython has no poll) with the server registered for EVENT_READ, as CPython's serve_forever and
/// handle_request do, so their timing is PollSelector's (timeouts rounded up to whole milliseconds, EINTR retried
/// with the time left). The selector holds the server socket's handle for each wait, so a reused number is never
/// polled, and a server closed meanwhile reports ready (POLLNVAL) and its accept fails, as in CPython. For
/// serve_forever a wake-up socket pair is registered too, so that shutdown() and a cancelled token end the wait at
/// once instead of after poll_interval.
/// </summary>
internal sealed class ServerPoll : IDisposable
{
    private static readonly SocketPal Pal = SocketPal.Current;

    private readonly object _gate = new();
    private readonly BaseSelector _selector;
    private readonly BaseServer _server;
    private SocketObject? _wakeRead;
    private SocketObject? _wakeWrite;

    private ServerPoll(BaseServer server)
    {
        _server = server;
        _selector = SelectPal.HasPoll ? new PollSelector() : new SelectSelector();
    }

    /// <summary>
    /// <c>with _ServerSelector() as selector: selector.register(self, selectors.EVENT_READ)</c>, with the wake-up pair
    /// when <paramref name="wakeup"/> (serve_forever). A closed server is ValueError("Invalid file descriptor: -1"), as
    /// selectors raises.
    /// </summary>
    public static ServerPoll Open(BaseServer server, bool wakeup)
    {
        var poll = new ServerPoll(server);
        try
        {
            poll._selector.register(server, Selectors.EVENT_READ);
            if (wakeup)
            {
                SocketObject.Check(Pal.SocketPair(Socket.DefaultPairFamily, Socket.SOCK_STREAM, 0, out var read, out var write));
                poll._wakeRead = new SocketObject(read!, Socket.DefaultPairFamily, Socket.SOCK_STREAM, 0);
                poll._wakeWrite = new SocketObject(write!, Socket.DefaultPairFamily, Socket.SOCK_STREAM, 0);
                poll._wakeRead.setblocking(false);
                poll._wakeWrite.setblocking(false);
                poll._selector.register(poll._wakeRead, Selectors.EVENT_READ);
            }
        }
        catch
        {
            poll.Dispose();
            throw;
        }

        return poll;
    }

    /// <summary>Wakes a waiting <see cref="Wait"/> (does nothing once disposed).</summary>
    public void Wake()
    {
        lock (_gate)
        {
            try
            {
                _wakeWrite?.send(WakeByte);
            }
            catch (OSError)
            {
                // Full (a wake-up is already pending) or closed: nothing to do.
            }
        }
    }

    /// <summary>
    /// <c>selector.select(timeout)</c>: true when the server reported an event (readable, or an error the next
    /// accept/recvfrom raises). Null waits forever; 0 or less does not wait.
    /// </summary>
    public bool Wait(double? timeout)
    {
        var serverReady = false;
        foreach (var (key, _) in _selector.select(timeout))
        {
            if (ReferenceEquals(key.fileobj, _server))
            {
                serverReady = true;
            }
            else
            {
                Drain();
            }
        }

        return serverReady;
    }

    /// <summary>Closes the selector and the wake-up pair.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _selector.close();
            _wakeRead?.close();
            _wakeWrite?.close();
            _wakeRead = _wakeWrite = null;
        }
    }

    private static readonly byte[] WakeByte = [1];

    private void Drain()
    {
        try
        {
            while (_wakeRead is { } read && read.recv(64).Length > 0)
            {
            }
        }
        catch (OSError)
        {
            // BlockingIOError: drained.
        }
    }
}
