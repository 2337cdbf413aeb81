using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The name services of a POSIX C library (Linux glibc and musl; macOS libSystem): every call goes through a
/// <see cref="LibcCalls"/> (the library's entry points) and every structure is read through the OS's
/// <see cref="NameLayout"/>. The non-reentrant database _calls (getservby*, getprotobyname, and gethostby* where
/// the library has no _r variant) run under one lock, as CPython's netdb_lock does.
/// </summary>
internal sealed unsafe class LibcNames : NamePal
{
    // CPython's buffer for the reentrant host lookups: char buf[16384], of which it passes sizeof - 1.
    private const int HostBufferSize = 16384 - 1;

    private readonly LibcCalls _calls;
    private readonly object _netdbLock = new();

    public LibcNames(NameLayout layout, LibcCalls calls)
    {
        Layout = layout;
        _calls = calls;
    }

    /// <inheritdoc/>
    public override NameLayout Layout { get; }

    /// <inheritdoc/>
    public override bool HasSetHostName => true;

    /// <inheritdoc/>
    public override int GetAddrInfo(byte[]? host, byte[]? service, int family, int type, int proto, int flags,
        List<AddrInfoEntry> entries, out int systemError)
    {
        var ai = Layout.AddrInfo;
        var hints = stackalloc byte[ai.Size];
        new Span<byte>(hints, ai.Size).Clear();
        ai.WriteInt(hints, AI.Flags, flags);
        ai.WriteInt(hints, AI.Family, family);
        ai.WriteInt(hints, AI.SockType, type);
        ai.WriteInt(hints, AI.Protocol, proto);
        byte* result = null;
        int rc;
        int errno;
        fixed (byte* h = host)
        fixed (byte* s = service)
        {
            rc = _calls.GetAddrInfo(host is null ? null : h, service is null ? null : s, hints, &result, out errno);
        }

        if (rc != 0)
        {
            systemError = rc == Layout.EaiSystem ? errno : 0;
            return rc;
        }

        systemError = 0;
        try
        {
            ReadAddrInfoList(Layout, result, entries);
        }
        finally
        {
            _calls.FreeAddrInfo(result);
        }

        return 0;
    }

    /// <inheritdoc/>
    public override int GetNameInfo(in NameAddress address, int flags, out byte[] host, out byte[] service, out int systemError)
    {
        host = service = [];
        var sa = stackalloc byte[NameLayout.SockAddrIn6Size];
        var length = Layout.WriteSockAddr(address, new Span<byte>(sa, NameLayout.SockAddrIn6Size));
        var hbuf = stackalloc byte[NiMaxHost];
        var sbuf = stackalloc byte[NiMaxServ];
        var rc = _calls.GetNameInfo(sa, (uint)length, hbuf, NiMaxHost, sbuf, NiMaxServ, flags, out var errno);
        if (rc != 0)
        {
            systemError = rc == Layout.EaiSystem ? errno : 0;
            return rc;
        }

        systemError = 0;
        host = CopyCString(hbuf);
        service = CopyCString(sbuf);
        return 0;
    }

    /// <inheritdoc/>
    public override bool GetHostByName(byte[] name, out HostEntry? entry, out int hErrno)
    {
        var ret = stackalloc byte[Layout.HostEnt.Size];
        var buffer = new byte[HostBufferSize];
        fixed (byte* n = name)
        fixed (byte* b = buffer)
        {
            if (_calls.HostLookupsNeedLock)
            {
                lock (_netdbLock)
                {
                    return CopyHost(_calls.GetHostByName(n, ret, b, (nuint)buffer.Length, out hErrno), out entry);
                }
            }

            return CopyHost(_calls.GetHostByName(n, ret, b, (nuint)buffer.Length, out hErrno), out entry);
        }
    }

    /// <inheritdoc/>
    public override bool GetHostByAddr(ReadOnlySpan<byte> address, int family, out HostEntry? entry, out int hErrno)
    {
        var ret = stackalloc byte[Layout.HostEnt.Size];
        var buffer = new byte[HostBufferSize];
        fixed (byte* a = address)
        fixed (byte* b = buffer)
        {
            if (_calls.HostLookupsNeedLock)
            {
                lock (_netdbLock)
                {
                    return CopyHost(_calls.GetHostByAddr(a, (uint)address.Length, family, ret, b, (nuint)buffer.Length, out hErrno), out entry);
                }
            }

            return CopyHost(_calls.GetHostByAddr(a, (uint)address.Length, family, ret, b, (nuint)buffer.Length, out hErrno), out entry);
        }
    }

    /// <inheritdoc/>
    public override int GetHostName(out byte[] name)
    {
        // CPython: char buf[1024]; gethostname(buf, sizeof(buf) - 1); buf[sizeof(buf) - 1] = '\0'.
        var buffer = stackalloc byte[1024];
        buffer[1023] = 0;
        if (_calls.GetHostName(buffer, 1023, out var errno) < 0)
        {
            name = [];
            return errno;
        }

        name = CopyCString(buffer);
        return 0;
    }

    /// <inheritdoc/>
    public override int SetHostName(ReadOnlySpan<byte> name)
    {
        fixed (byte* n = name)
        {
            return _calls.SetHostName(n, (nuint)name.Length, out var errno) != 0 ? errno : 0;
        }
    }

    /// <inheritdoc/>
    public override bool GetServByName(byte[] name, byte[]? proto, out int port)
    {
        fixed (byte* n = name)
        fixed (byte* p = proto)
        {
            lock (_netdbLock)
            {
                var entry = _calls.GetServByName(n, proto is null ? null : p);
                port = entry == null ? 0 : NetToHost16((int)Layout.ServEnt.ReadInt(entry, SE.Port));
                return entry != null;
            }
        }
    }

    /// <inheritdoc/>
    public override bool GetServByPort(int port, byte[]? proto, out byte[] name)
    {
        fixed (byte* p = proto)
        {
            lock (_netdbLock)
            {
                var entry = _calls.GetServByPort(NetToHost16(port), proto is null ? null : p);
                name = entry == null ? [] : CopyCString(Layout.ServEnt.ReadPointer(entry, SE.Name));
                return entry != null;
            }
        }
    }

    /// <inheritdoc/>
    public override bool GetProtoByName(byte[] name, out int number)
    {
        fixed (byte* n = name)
        {
            lock (_netdbLock)
            {
                var entry = _calls.GetProtoByName(n);
                number = entry == null ? 0 : (int)Layout.ProtoEnt.ReadInt(entry, PE.Proto);
                return entry != null;
            }
        }
    }

    /// <inheritdoc/>
    public override int IfNameIndex(List<(uint Index, byte[] Name)> interfaces)
    {
        var list = _calls.IfNameIndex(out var errno);
        if (list == null)
        {
            return errno;
        }

        try
        {
            var s = NameLayout.IfNameIndexStruct;
            for (var p = list; s.ReadInt(p, IFI.Index) != 0; p += s.Size)
            {
                interfaces.Add(((uint)s.ReadInt(p, IFI.Index), CopyCString(s.ReadPointer(p, IFI.Name))));
            }
        }
        finally
        {
            _calls.IfFreeNameIndex(list);
        }

        return 0;
    }

    /// <inheritdoc/>
    public override uint IfNameToIndex(byte[] name)
    {
        fixed (byte* n = name)
        {
            return _calls.IfNameToIndex(n);
        }
    }

    /// <inheritdoc/>
    public override int IfIndexToName(uint index, out byte[] name)
    {
        var buffer = stackalloc byte[IfNameSize + 1];
        if (_calls.IfIndexToName(index, buffer, out var errno) == null)
        {
            name = [];
            return errno;
        }

        name = CopyCString(buffer);
        return 0;
    }

    /// <inheritdoc/>
    public override int InetPton(int family, ReadOnlySpan<byte> text, Span<byte> dest, out int error)
    {
        // inet_pton writes 4 or 16 bytes; give it room for either.
        var buffer = stackalloc byte[16];
        int rc;
        fixed (byte* t = text)
        {
            rc = _calls.InetPton(family, t, buffer, out error);
        }

        if (rc == 1)
        {
            new ReadOnlySpan<byte>(buffer, Math.Min(16, dest.Length)).CopyTo(dest);
        }

        return rc;
    }

    /// <inheritdoc/>
    public override int InetNtop(int family, ReadOnlySpan<byte> address, Span<byte> text, out int error)
    {
        fixed (byte* a = address)
        fixed (byte* t = text)
        {
            if (_calls.InetNtop(family, a, t, (uint)text.Length, out error) == null)
            {
                return -1;
            }
        }

        var end = text.IndexOf((byte)0);
        return end < 0 ? text.Length : end;
    }

    /// <inheritdoc/>
    public override bool InetAton(ReadOnlySpan<byte> text, Span<byte> dest)
    {
        var buffer = stackalloc byte[4];
        fixed (byte* t = text)
        {
            if (_calls.InetAton(t, buffer) == 0)
            {
                return false;
            }
        }

        new ReadOnlySpan<byte>(buffer, 4).CopyTo(dest);
        return true;
    }

    /// <inheritdoc/>
    public override string GaiErrorText(int code) => Marshal.PtrToStringUTF8((IntPtr)_calls.GaiStrerror(code)) ?? "Unknown error";

    /// <inheritdoc/>
    public override string HostErrorText(int code) => Marshal.PtrToStringUTF8((IntPtr)_calls.HStrerror(code)) ?? "Unknown resolver error";

    private bool CopyHost(byte* h, out HostEntry? entry)
    {
        entry = h == null ? null : ReadHostEnt(Layout, h);
        return h != null;
    }
}
