using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace PySocket;

public partial class SocketObject
{
    /// <summary>
    /// sendmsg(buffers[, ancdata[, flags[, address]]]): sends the concatenation of <paramref name="buffers"/>
    /// in one sendmsg(2) call with the control messages <paramref name="ancdata"/> (each (level, type, data),
    /// laid out with CMSG_SPACE) to <paramref name="address"/> (or the connected peer); returns the number of
    /// data bytes sent. Timeouts apply as for send(); a closed peer raises BrokenPipeError, never a signal.
    /// <paramref name="buffers"/> is any sequence of byte arrays (a list, an array, a generator); for parts of
    /// buffers see <see cref="sendmsg(IEnumerable, IEnumerable{ValueTuple{int, int, byte[]}}, int, SockAddr)"/>.
    /// </summary>
    /// <remarks>CPython has no sendmsg on Windows (no CMSG_LEN there): on Windows this raises <see cref="AttributeError"/>.</remarks>
    [UnsupportedOSPlatform("windows")]
    public int sendmsg(IEnumerable<byte[]> buffers, IEnumerable<(int level, int type, byte[] data)>? ancdata = null,
        int flags = 0, SockAddr? address = null) =>
        SendMsgCore(buffers, ancdata, flags, address);

    /// <summary>
    /// sendmsg(buffers[, ancdata[, flags[, address]]]): as the byte-array form, over any sequence whose items
    /// are <c>byte[]</c>, <see cref="ReadOnlyMemory{T}"/>, <see cref="Memory{T}"/> or
    /// <see cref="ArraySegment{T}"/> of bytes, mixed as in Python (<c>memoryview(data)[5:]</c> is
    /// <c>data.AsMemory(5)</c>): e.g. <c>new object[] { data.AsMemory(0, 5), tail }</c>, a
    /// <c>List&lt;Memory&lt;byte&gt;&gt;</c> or a generator. Another item raises Python's
    /// <c>TypeError("a bytes-like object is required, not '...'")</c>.
    /// </summary>
    /// <remarks>CPython has no sendmsg on Windows (no CMSG_LEN there): on Windows this raises <see cref="AttributeError"/>.</remarks>
    [UnsupportedOSPlatform("windows")]
    public int sendmsg(IEnumerable buffers, IEnumerable<(int level, int type, byte[] data)>? ancdata = null,
        int flags = 0, SockAddr? address = null) =>
        SendMsgCore(buffers, ancdata, flags, address);

    private unsafe int SendMsgCore(IEnumerable buffers, IEnumerable<(int level, int type, byte[] data)>? ancdata, int flags, SockAddr? address)
    {
        NoMsgOnWindows("sendmsg");
        // CPython's order: the address first, then the buffers, then the ancillary items.
        var sa = stackalloc byte[NativeSockAddr.MaxSize];
        var saLen = address is null ? 0 : NativeSockAddr.Encode(address, family.value, "sendmsg", new Span<byte>(sa, NativeSockAddr.MaxSize));

        if (buffers is null)
        {
            throw Errors.Type("sendmsg() argument 1 must be an iterable");
        }

        var data = new List<ReadOnlyMemory<byte>>();
        foreach (var b in buffers)
        {
            data.Add(b switch
            {
                byte[] array => array,
                ReadOnlyMemory<byte> memory => memory,
                Memory<byte> memory => memory,
                ArraySegment<byte> segment => segment,
                _ => throw Errors.Type($"a bytes-like object is required, not '{PythonTypeName(b)}'"),
            });
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
                pins[i] = data[i].Pin();
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
    /// <remarks>CPython has no recvmsg on Windows (no CMSG_LEN there): on Windows this raises <see cref="AttributeError"/>.</remarks>
    [UnsupportedOSPlatform("windows")]
    public unsafe (byte[] data, IReadOnlyList<(int level, int type, byte[] data)> ancdata, int msg_flags, SockAddr? address) recvmsg(
        int bufsize, int ancbufsize = 0, int flags = 0)
    {
        NoMsgOnWindows("recvmsg");
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
    /// <paramref name="buffers"/> in order and returns (nbytes, ancdata, msg_flags, address). For any other
    /// sequence (a generator) and parts of buffers see <see cref="recvmsg_into(IEnumerable, int, int)"/>.
    /// </summary>
    /// <remarks>CPython has no recvmsg_into on Windows (no CMSG_LEN there): on Windows this raises <see cref="AttributeError"/>.</remarks>
    [UnsupportedOSPlatform("windows")]
    public (int nbytes, IReadOnlyList<(int level, int type, byte[] data)> ancdata, int msg_flags, SockAddr? address) recvmsg_into(
        IList<byte[]> buffers, int ancbufsize = 0, int flags = 0) =>
        RecvMsgIntoCore(buffers, ancbufsize, flags);

    /// <summary>
    /// recvmsg_into(buffers[, ancbufsize[, flags]]): as the list form, over any sequence (a generator
    /// included) whose items are writable buffers: <c>byte[]</c>, <see cref="Memory{T}"/> or
    /// <see cref="ArraySegment{T}"/> of bytes, mixed as in Python (<c>memoryview(buf)[2:9]</c> is
    /// <c>buf.AsMemory(2, 7)</c>). Another item (a <see cref="ReadOnlyMemory{T}"/> too, as Python's bytes)
    /// raises Python's TypeError.
    /// </summary>
    /// <remarks>CPython has no recvmsg_into on Windows (no CMSG_LEN there): on Windows this raises <see cref="AttributeError"/>.</remarks>
    [UnsupportedOSPlatform("windows")]
    public (int nbytes, IReadOnlyList<(int level, int type, byte[] data)> ancdata, int msg_flags, SockAddr? address) recvmsg_into(
        IEnumerable buffers, int ancbufsize = 0, int flags = 0) =>
        RecvMsgIntoCore(buffers, ancbufsize, flags);

    private unsafe (int nbytes, IReadOnlyList<(int level, int type, byte[] data)> ancdata, int msg_flags, SockAddr? address) RecvMsgIntoCore(
        IEnumerable buffers, int ancbufsize, int flags)
    {
        NoMsgOnWindows("recvmsg_into");
        if (buffers is null)
        {
            throw Errors.Type("recvmsg_into() argument 1 must be an iterable");
        }

        var list = new List<Memory<byte>>();
        foreach (var b in buffers)
        {
            list.Add(b switch
            {
                byte[] array => array,
                Memory<byte> memory => memory,
                ArraySegment<byte> segment => segment,
                _ => throw Errors.Type("recvmsg_into() argument 1 must be an iterable of single-segment read-write buffers"),
            });
        }

        CheckAncBufSize(ancbufsize);
        var pins = new MemoryHandle[list.Count];
        var iov = new PalIoVec[list.Count];
        try
        {
            for (var i = 0; i < list.Count; i++)
            {
                pins[i] = list[i].Pin();
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

    // The Python type name in a TypeError for an object that is not a buffer.
    private static string PythonTypeName(object? value) => value switch
    {
        null => "NoneType",
        string or char => "str",
        int or long or short or sbyte or byte or ushort or uint or ulong or System.Numerics.BigInteger => "int",
        bool => "bool",
        double or float => "float",
        _ => value.GetType().Name,
    };

    private static void CheckAncBufSize(int ancbufsize)
    {
        if (ancbufsize < 0)
        {
            throw Errors.Value("invalid ancillary data buffer length");
        }
    }

    // CPython's sock_recvmsg_guts: one recvmsg(2) with a sockaddr_storage name buffer and an
    // ancbufsize-byte control buffer (none when 0), then the control messages and address decoded.
    private unsafe (int nbytes, IReadOnlyList<(int level, int type, byte[] data)> ancdata, int msg_flags, SockAddr? address) RecvMsgCore(
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
                return (n, ancdata.AsReadOnly(), msg.Flags, address);
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

    // CPython defines sendmsg/recvmsg/recvmsg_into only where the OS has CMSG_LEN: not on Windows.
    private static void NoMsgOnWindows(string name)
    {
        if (OsTables.Current == OsKind.Windows)
        {
            throw Errors.NoObjectAttribute("socket", name);
        }
    }

    private static void CloseReceivedFds(List<(int level, int type, byte[] data)> ancdata)
    {
        foreach (var (level, type, data) in ancdata)
        {
            if (level == Socket.SOL_SOCKET && type == ConstantTable.SCM_RIGHTS)
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
