using System;

namespace PySocket;

/// <summary>
/// The select module's hold on the sockets it waits on: a reference on each registered socket's
/// <see cref="SocketHandle"/> for the whole system call (select, poll), so no number is closed and reused while the
/// kernel looks at it, and a socket closed before the call is never passed by number (the caller reports it as
/// CPython does for a closed descriptor: select EBADF, poll POLLNVAL). Entries without a handle (bare numbers) are
/// passed as they are.
/// </summary>
internal readonly struct HandleLease : IDisposable
{
    private readonly SocketHandle?[] _handles;
    private readonly bool[]? _held;

    private HandleLease(SocketHandle?[] handles, bool[]? held, int closed)
    {
        _handles = handles;
        _held = held;
        Closed = closed;
    }

    /// <summary>How many handles were closed (not held).</summary>
    public int Closed { get; }

    /// <summary>Takes a reference on every handle in <paramref name="handles"/> (nulls are skipped).</summary>
    public static HandleLease Acquire(SocketHandle?[] handles)
    {
        bool[]? held = null;
        var closed = 0;
        for (var i = 0; i < handles.Length; i++)
        {
            if (handles[i] is not { } h)
            {
                continue;
            }

            held ??= new bool[handles.Length];
            held[i] = h.TryAddRef();
            if (!held[i])
            {
                closed++;
            }
        }

        return new HandleLease(handles, held, closed);
    }

    /// <summary>True when entry <paramref name="index"/> has a handle that was closed before the call.</summary>
    public bool IsClosed(int index) => _held is not null && _handles[index] is not null && !_held[index];

    /// <summary>Releases every reference taken.</summary>
    public void Dispose()
    {
        if (_held is null)
        {
            return;
        }

        for (var i = 0; i < _handles.Length; i++)
        {
            if (_held[i])
            {
                _handles[i]!.Release();
            }
        }
    }
}
