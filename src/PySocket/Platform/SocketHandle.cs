using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace PySocket;

/// <summary>
/// The owned OS socket. Reference-counted by <see cref="SafeHandle"/>: every platform call brackets its
/// system call with <see cref="TryAddRef"/> / <see cref="Release"/>, so no call ever reaches a descriptor
/// number after the socket was closed (the number cannot be reused while a call holds it).
/// <see cref="CloseSocket"/> marks the handle closed at once (<see cref="Number"/> is -1), wakes calls that are
/// in flight (<see cref="WakeCalls"/>), and the last release closes the number (<see cref="ReleaseHandle"/>).
/// A handle that becomes garbage closes its number through SafeHandle's finaliser.
/// </summary>
internal abstract class SocketHandle : SafeHandle
{
    private static readonly IntPtr Invalid = new(-1);

    private int _closeRequested;
    private int _inFlight;
    private int _released;
    private int _closeError;

    /// <summary>An owning handle for <paramref name="number"/> (the OS descriptor or SOCKET value).</summary>
    protected SocketHandle(IntPtr number)
        : base(Invalid, ownsHandle: true)
    {
        SetHandle(number);
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == Invalid;

    /// <summary>The descriptor number for fileno() and repr(): -1 once closed or detached.</summary>
    public long Number => Volatile.Read(ref _closeRequested) != 0 ? -1 : (long)handle;

    /// <summary>True once <see cref="CloseSocket"/> or <see cref="Detach"/> was called.</summary>
    public bool IsCloseRequested => Volatile.Read(ref _closeRequested) != 0;

    /// <summary>The number of platform calls holding the handle right now.</summary>
    public int CallsInFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// The raw number for the platform implementation's system call; only valid between a successful
    /// <see cref="TryAddRef"/> and its <see cref="Release"/>.
    /// </summary>
    public IntPtr Raw => handle;

    /// <summary>
    /// Takes a reference for one system call. False (the caller returns EBADF) when the handle was closed,
    /// detached or collected; never throws.
    /// </summary>
    public bool TryAddRef()
    {
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _closeRequested) != 0)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }

        var added = false;
        try
        {
            DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
        }

        if (!added)
        {
            Interlocked.Decrement(ref _inFlight);
        }

        return added;
    }

    /// <summary>
    /// Ends one system call begun with <see cref="TryAddRef"/>. Returns false when the handle was closed
    /// (or detached) while the call ran: the platform call then reports EBADF whatever the system call did,
    /// so a call woken by <see cref="CloseSocket"/> fails as CPython's does on a closed socket.
    /// </summary>
    public bool Release()
    {
        DangerousRelease();
        Interlocked.Decrement(ref _inFlight);
        return Volatile.Read(ref _closeRequested) == 0;
    }

    /// <summary>
    /// CPython's close(): marks the handle closed; if calls are in flight wakes them (<see cref="WakeCalls"/>,
    /// while the number is still open), then drops the owning reference. The number is closed by the last
    /// release: here, or when the last in-flight call returns. Returns the OS error of closing the number when
    /// that happened here (0 otherwise, and 0 for a second close). Never blocks, never throws.
    /// (SafeHandle's Close()/Dispose() do the same but discard the error.)
    /// </summary>
    public int CloseSocket()
    {
        if (!MarkClosed())
        {
            return 0;
        }

        base.Dispose(true);
        return Volatile.Read(ref _released) != 0 ? Volatile.Read(ref _closeError) : 0;
    }

    /// <summary>
    /// detach(): returns the number and leaves the handle invalid without closing the number (the caller owns
    /// it now); -1 if already closed or detached.
    /// </summary>
    public long Detach()
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return -1;
        }

        var number = (long)handle;
        SetHandleAsInvalid();
        OnDetached();
        return number;
    }

    /// <summary>
    /// Called once by <see cref="Detach"/> after the handle was made invalid: an implementation whose number is
    /// also owned elsewhere (the portable layer's System.Net.Sockets.Socket) gives up that ownership here.
    /// </summary>
    protected virtual void OnDetached()
    {
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            MarkClosed();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Wakes system calls blocked on this handle (native: shutdown(SHUT_RDWR), which wakes blocked poll, recv,
    /// send and accept on Linux). Called by <see cref="CloseSocket"/> while the number is still open; must not throw.
    /// </summary>
    protected abstract void WakeCalls();

    /// <summary>Closes the OS number; returns 0 or the OS error. Called exactly once, by the last release.</summary>
    protected abstract int CloseNumber(IntPtr number);

    /// <summary>Sets the closed mark (once) and wakes calls in flight; false when it was already set.</summary>
    private bool MarkClosed()
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return false;
        }

        if (Volatile.Read(ref _inFlight) > 0)
        {
            WakeCalls();
        }

        return true;
    }

    /// <inheritdoc/>
    protected sealed override bool ReleaseHandle()
    {
        Volatile.Write(ref _closeError, CloseNumber(handle));
        Volatile.Write(ref _released, 1);
        return true;
    }
}
