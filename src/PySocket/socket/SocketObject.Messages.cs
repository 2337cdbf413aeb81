using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace PySocket;

public partial class SocketObject
{
    /// <summary>
    /// sendmsg(buffers[, ancdata[, flags[, address]]]): sends the concatenation of <paramref name="buffers"/>
    /// in one sendmsg(2) call with the control messages <paramref name="ancdata"/> (each (level, type, data),
    /// laid out with CMSG_SPACE) to <paramref name="address"/> (or the connected peer); returns the number of
    /// data bytes sent. Timeouts apply as for send(); a closed peer raises BrokenPipeError, never a signal.
    /// </summary>
    public unsafe int sendmsg(IEnumerable<byte[]> buffers, IEnumerable<(int level, int type, byte[] data)>? ancdata = null,
        int flags = 0, SockAddr? address = null)
    {
        // CPython's order: the address first, then the buffers, then the ancillary items.
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var saLen = address is null ? 0 : NativeSockAddr.Encode(address, family.value, "sendmsg", new Span<byte>(sa, NativeSockAddr.MaxSize));

        if (buffers is null)
        {
            throw Errors.Type("sendmsg() argument 1 must be an iterable");
        }

        var data = new List<byte[]>(buffers);
        foreach (var b in data)
        {
            if (b is null)
            {
                throw Errors.Type("a bytes-like object is required, not 'NoneType'");
            }
        }

        var items = ancdata is null ? [] : new List<(int level, int type, byte[] data)>(ancdata);
        foreach (var item in items)
        {
            if (item.data is null)
            {
                throw Errors.Type("a bytes-like object is required, not 'NoneType'");
            }
        }

        var control = items.Count == 0 ? null : Cmsg.Build(items);
        var pins = new MemoryHandle[data.Count];
        var iov = new PalIoVec[data.Count];
        try
        {
            for (var i = 0; i < data.Count; i++)
            {
                pins[i] = data[i].AsMemory().Pin();
                iov[i] = new PalIoVec { Base = (byte*)pins[i].Pointer, Length = (nuint)data[i].Length };
            }

            fixed (PalIoVec* iovPtr = iov)
            fixed (byte* controlPtr = control)
            {
                var msg = new PalMessage
                {
                    Name = saLen == 0 ? null : sa,
                    NameLength = saLen,
                    Iov = data.Count == 0 ? null : iovPtr,
                    IovCount = data.Count,
                    Control = control is null ? null : controlPtr,
                    ControlLength = control is null ? 0 : control.Length,
                };
                return CallMsg(CheckOpen(), &msg, flags, writing: true);
            }
        }
        finally
        {
            foreach (var pin in pins)
            {
                pin.Dispose();
            }
        }
    }

    /// <summary>
    /// recvmsg(bufsize[, ancbufsize[, flags]]): receives up to <paramref name="bufsize"/> bytes and up to
    /// <paramref name="ancbufsize"/> bytes of control data in one recvmsg(2) call. Returns
    /// (data, ancdata, msg_flags, address): ancdata lists (level, type, data) items; msg_flags has MSG_CTRUNC
    /// when the control data did not fit (a truncated item keeps the bytes that fit); address is null for a
    /// connected socket. Timeouts apply as for recv().
    /// </summary>
    public unsafe (byte[] data, List<(int level, int type, byte[] data)> ancdata, int msg_flags, SockAddr? address) recvmsg(
        int bufsize, int ancbufsize = 0, int flags = 0)
    {
        if (bufsize < 0)
        {
            throw Errors.Value("negative buffer size in recvmsg()");
        }

        CheckAncBufSize(ancbufsize);
        // Native memory, as CPython's uninitialised bytes object: any bufsize up to INT_MAX works.
        var p = (byte*)NativeMemory.Alloc((nuint)bufsize);
        try
        {
            var iov = new PalIoVec { Base = p, Length = (nuint)bufsize };
            var (n, anc, msgFlags, addr) = RecvMsgCore(&iov, 1, ancbufsize, flags);

            // MSG_TRUNC may report more than bufsize: CPython keeps only the bytes that fit.
            return (new ReadOnlySpan<byte>(p, Math.Min(n, bufsize)).ToArray(), anc, msgFlags, addr);
        }
        finally
        {
            NativeMemory.Free(p);
        }
    }

    /// <summary>
    /// recvmsg_into(buffers[, ancbufsize[, flags]]): as <see cref="recvmsg"/>, but scatters the data into
    /// <paramref name="buffers"/> in order and returns (nbytes, ancdata, msg_flags, address).
    /// </summary>
    public unsafe (int nbytes, List<(int level, int type, byte[] data)> ancdata, int msg_flags, SockAddr? address) recvmsg_into(
        IList<byte[]> buffers, int ancbufsize = 0, int flags = 0)
    {
        if (buffers is null)
        {
            throw Errors.Type("recvmsg_into() argument 1 must be an iterable");
        }

        var list = new List<byte[]>(buffers);
        foreach (var b in list)
        {
            if (b is null)
            {
                throw Errors.Type("recvmsg_into() argument 1 must be an iterable of single-segment read-write buffers");
            }
        }

        CheckAncBufSize(ancbufsize);
        var pins = new MemoryHandle[list.Count];
        var iov = new PalIoVec[list.Count];
        try
        {
            for (var i = 0; i < list.Count; i++)
            {
                pins[i] = list[i].AsMemory().Pin();
                iov[i] = new PalIoVec { Base = (byte*)pins[i].Pointer, Length = (nuint)list[i].Length };
            }

            fixed (PalIoVec* iovPtr = iov)
            {
                return RecvMsgCore(list.Count == 0 ? null : iovPtr, list.Count, ancbufsize, flags);
            }
        }
        finally
        {
            foreach (var pin in pins)
            {
                pin.Dispose();
            }
        }
    }

    private static void CheckAncBufSize(int ancbufsize)
    {
        if (ancbufsize < 0)
        {
            throw Errors.Value("invalid ancillary data buffer length");
        }
    }

    // CPython's sock_recvmsg_guts: one recvmsg(2) with a sockaddr_storage name buffer and an
    // ancbufsize-byte control buffer (none when 0), then the control messages and address decoded.
    private unsafe (int nbytes, List<(int level, int type, byte[] data)> ancdata, int msg_flags, SockAddr? address) RecvMsgCore(
        PalIoVec* iov, int iovCount, int ancbufsize, int flags)
    {
        var name = stackalloc byte[NativeSockAddr.MaxSize];
        new Span<byte>(name, NativeSockAddr.MaxSize).Clear();

        // Native memory, as CPython's PyMem_Malloc: ancbufsize may be up to INT_MAX, beyond a byte[]'s limit.
        var control = ancbufsize == 0 ? null : (byte*)NativeMemory.AllocZeroed((nuint)ancbufsize);
        try
        {
            var msg = new PalMessage
            {
                Name = name,
                NameLength = NativeSockAddr.MaxSize,
                Iov = iov,
                IovCount = iovCount,
                Control = control,
                ControlLength = ancbufsize,
            };
            var n = CallMsg(CheckOpen(), &msg, flags, writing: false);
            var controlLength = control is null ? 0 : Math.Min(msg.ControlLength, ancbufsize);
            var ancdata = control is null ? [] : Cmsg.Parse(new ReadOnlySpan<byte>(control, ancbufsize), controlLength);
            try
            {
                var nameLength = Math.Min(msg.NameLength, NativeSockAddr.MaxSize);
                var address = NativeSockAddr.Decode(new ReadOnlySpan<byte>(name, NativeSockAddr.MaxSize), nameLength);
                return (n, ancdata, msg.Flags, address);
            }
            catch
            {
                // As CPython's err_closefds: descriptors received in SCM_RIGHTS are not leaked.
                CloseReceivedFds(ancdata);
                throw;
            }
        }
        finally
        {
            NativeMemory.Free(control);
        }
    }

    private static void CloseReceivedFds(List<(int level, int type, byte[] data)> ancdata)
    {
        foreach (var (level, type, data) in ancdata)
        {
            if (level == Socket.SOL_SOCKET && type == Socket.SCM_RIGHTS)
            {
                for (var i = 0; i + sizeof(int) <= data.Length; i += sizeof(int))
                {
                    _ = Pal.CloseNumber(BitConverter.ToInt32(data, i));
                }
            }
        }
    }

    // CPython's sock_call() (the one deadline loop, SockCall), then the errno's OSError.
    private unsafe int CallMsg(SocketHandle handle, PalMessage* msg, int flags, bool writing)
    {
        Check(SockCall.Msg(Pal, handle, msg, flags, writing, StartDeadline(), out var n));
        return n;
    }
}
