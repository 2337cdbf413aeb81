using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;

namespace PySocket;

/// <summary>
/// The native layer's readiness engine for async operations: one epoll instance and one thread waiting in
/// epoll_wait. A socket is registered once, on its first async operation, edge-triggered for EPOLLIN, EPOLLOUT
/// and EPOLLRDHUP, with a numeric key (not a pointer) as its data word; each edge signals the socket's
/// <see cref="ReadinessWaiter"/>s, whose continuations run on the thread pool. The registration is removed
/// (EPOLL_CTL_DEL) by the handle's last release just before the number is closed, and a stale key finds nothing,
/// so a reused number never reaches an old socket's waiters. Never throws.
/// </summary>
internal sealed unsafe class EpollEngine
{
    private const int MaxEvents = 256;

    private static readonly Lazy<EpollEngine> Shared = new(() => new EpollEngine());

    // struct epoll_event is packed on x86-64 (12 bytes, data at offset 4), naturally aligned elsewhere (16, 8).
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private readonly ConcurrentDictionary<long, SocketReadiness> _sockets = new();
    private readonly int _epfd;
    private readonly int _createError;
    private long _nextId;

    private EpollEngine()
    {
        _epfd = Libc.Multiplex.EpollCreate1(Libc.EPOLL_CLOEXEC);
        if (_epfd < 0)
        {
            _createError = Marshal.GetLastPInvokeError();
            return;
        }

        var thread = new Thread(Loop) { IsBackground = true, Name = "PySocket epoll" };
        thread.Start();
    }

    /// <summary>The process's engine (created on first use).</summary>
    public static EpollEngine Instance => Shared.Value;

    /// <summary>
    /// The readiness of <paramref name="handle"/>, registering it on first use. The caller holds the handle's
    /// reference. 0 or the OS error of epoll_create1/epoll_ctl.
    /// </summary>
    public int Register(NativeSocketHandle handle, out SocketReadiness? readiness)
    {
        readiness = Volatile.Read(ref handle.Readiness);
        if (readiness is not null)
        {
            return 0;
        }

        if (_epfd < 0)
        {
            return _createError;
        }

        lock (handle)
        {
            readiness = handle.Readiness;
            if (readiness is not null)
            {
                return 0;
            }

            var created = new SocketReadiness(Interlocked.Increment(ref _nextId));
            _sockets[created.Id] = created;
            var ev = stackalloc byte[16];
            *(uint*)ev = Libc.EPOLLIN | Libc.EPOLLOUT | Libc.EPOLLRDHUP | Libc.EPOLLET;
            *(long*)(ev + DataOffset) = created.Id;
            // EEXIST: the same open file under this number is still in the set (a number detached elsewhere
            // without leaving it): take the registration over.
            if (Libc.Multiplex.EpollCtl(_epfd, Libc.EPOLL_CTL_ADD, handle.Fd, ev) < 0
                && (Marshal.GetLastPInvokeError() != Errno.EEXIST || Libc.Multiplex.EpollCtl(_epfd, Libc.EPOLL_CTL_MOD, handle.Fd, ev) < 0))
            {
                var err = Marshal.GetLastPInvokeError();
                _sockets.TryRemove(created.Id, out _);
                return err;
            }

            Volatile.Write(ref handle.Readiness, created);
            readiness = created;
            return 0;
        }
    }

    /// <summary>Removes <paramref name="fd"/>'s registration (still open: called just before it is closed).</summary>
    public void Unregister(SocketReadiness readiness, int fd)
    {
        _ = Libc.Multiplex.EpollCtl(_epfd, Libc.EPOLL_CTL_DEL, fd, null);
        _sockets.TryRemove(readiness.Id, out _);
        readiness.Close();
    }

    private void Loop()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * EventSize));
        while (true)
        {
            var n = Libc.Multiplex.EpollWait(_epfd, events, MaxEvents, -1);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == Errno.EINTR)
                {
                    continue;
                }

                // Not expected for a valid epoll descriptor; keep the thread alive rather than spin.
                Thread.Sleep(10);
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                var ev = events + (i * EventSize);
                var flags = *(uint*)ev;
                var id = *(long*)(ev + DataOffset);
                if (!_sockets.TryGetValue(id, out var readiness))
                {
                    continue;
                }

                if ((flags & (Libc.EPOLLIN | Libc.EPOLLERR | Libc.EPOLLHUP | Libc.EPOLLRDHUP)) != 0)
                {
                    readiness.Read.Signal();
                }

                if ((flags & (Libc.EPOLLOUT | Libc.EPOLLERR | Libc.EPOLLHUP)) != 0)
                {
                    readiness.Write.Signal();
                }
            }
        }
    }
}
