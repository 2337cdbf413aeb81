using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace PySocket;

/// <summary>
/// One direction (read or write) of one socket's readiness, for the async operations of a readiness engine
/// (<see cref="EpollEngine"/>). The engine calls <see cref="Signal"/> on every edge; an operation reads
/// <see cref="Sequence"/> before its attempt and, after EAGAIN, awaits <see cref="WaitAsync"/> with it: an edge that
/// came in between makes the wait complete at once (retry), so no wake-up is lost. One pooled
/// <see cref="IValueTaskSource{TResult}"/> per direction: waiting allocates nothing. Results: 0 (retry),
/// <see cref="SocketPal.Canceled"/>, <see cref="SocketPal.Busy"/> (another operation waits, or has not yet
/// taken its result).
/// Continuations run on the thread pool, never on the engine's thread: the waiter queues itself (a work item
/// that allocates nothing) and completes there.
/// </summary>
internal sealed class ReadinessWaiter : IValueTaskSource<int>, IThreadPoolWorkItem
{
    private static readonly Action<object?> CancelCallback = static s => ((ReadinessWaiter)s!).Complete(SocketPal.Canceled);

    private readonly object _lock = new();
    private ManualResetValueTaskSourceCore<int> _core;
    private long _seq;
    private bool _waiting;

    // From WaitAsync until the operation took the result (GetResult): the core and the registration are that
    // operation's, so another WaitAsync meanwhile is Busy instead of resetting them under it.
    private bool _busy;
    private int _pendingResult;
    private bool _closed;
    private CancellationTokenRegistration _registration;

    /// <summary>The number of edges seen so far.</summary>
    public long Sequence => Volatile.Read(ref _seq);

    /// <summary>Waits for the next edge after <paramref name="seq"/> (at once if one came already, or the socket is closing).</summary>
    public ValueTask<int> WaitAsync(long seq, CancellationToken cancellationToken)
    {
        short version;
        lock (_lock)
        {
            if (_seq != seq || _closed)
            {
                return new ValueTask<int>(0);
            }

            if (_busy)
            {
                return new ValueTask<int>(SocketPal.Busy);
            }

            _core.Reset();
            _waiting = true;
            _busy = true;
            version = _core.Version;
            if (cancellationToken.CanBeCanceled)
            {
                // Registered under the lock, so GetResult always sees it. A token already cancelled runs the callback
                // here (the lock is re-entrant); the completion itself runs on the thread pool.
                _registration = cancellationToken.UnsafeRegister(CancelCallback, this);
            }
        }

        return new ValueTask<int>(this, version);
    }

    /// <summary>An edge: wakes the waiting operation (it retries).</summary>
    public void Signal()
    {
        lock (_lock)
        {
            _seq++;
            if (!_waiting)
            {
                return;
            }

            _waiting = false;
            _pendingResult = 0;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>The socket is closing: every wait from now on completes at once (the retry then reports EBADF).</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
        }

        Signal();
    }

    /// <inheritdoc/>
    public int GetResult(short token)
    {
        var result = _core.GetResult(token);
        CancellationTokenRegistration registration;
        lock (_lock)
        {
            registration = _registration;
            _registration = default;
        }

        // Outside the lock: Dispose waits for a callback that is running, and the callback takes the lock.
        registration.Dispose();
        lock (_lock)
        {
            _busy = false;
        }

        return result;
    }

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>On a thread pool thread: completes the wait (the operation's continuation runs here).</summary>
    void IThreadPoolWorkItem.Execute()
    {
        int result;
        lock (_lock)
        {
            result = _pendingResult;
        }

        _core.SetResult(result);
    }

    private void Complete(int result)
    {
        lock (_lock)
        {
            if (!_waiting)
            {
                return;
            }

            _waiting = false;
            _pendingResult = result;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }
}

/// <summary>A socket's two readiness directions (kept on its handle once it was used asynchronously).</summary>
internal sealed class SocketReadiness(long id)
{
    /// <summary>The engine's key for this socket (the epoll data word).</summary>
    public long Id { get; } = id;

    /// <summary>Readable (or a connection to accept, end of file, an error, a hang-up).</summary>
    public ReadinessWaiter Read { get; } = new();

    /// <summary>Writable (or a connect finished, an error, a hang-up).</summary>
    public ReadinessWaiter Write { get; } = new();

    /// <summary>Close: wakes both directions for good.</summary>
    public void Close()
    {
        Read.Close();
        Write.Close();
    }
}
