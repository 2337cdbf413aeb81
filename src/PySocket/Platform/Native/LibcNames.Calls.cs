using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The entry points <see cref="LibcNames"/> needs from a POSIX C library, one subclass per library (the
/// library name of a P/Invoke is a constant). Each returns the C result and the errno it left; none throws.
/// </summary>
internal abstract unsafe class LibcCalls
{
    /// <summary>Whether gethostbyname/gethostbyaddr are the non-reentrant calls (no _r variant), so callers lock.</summary>
    public abstract bool HostLookupsNeedLock { get; }

    public abstract int GetAddrInfo(byte* node, byte* service, byte* hints, byte** result, out int errno);

    public abstract void FreeAddrInfo(byte* info);

    public abstract int GetNameInfo(byte* sa, uint saLen, byte* host, uint hostLen, byte* serv, uint servLen, int flags, out int errno);

    /// <summary>gethostbyname(_r): the hostent (in <paramref name="ret"/>/<paramref name="buf"/> or static), or null, and h_errno.</summary>
    public abstract byte* GetHostByName(byte* name, byte* ret, byte* buf, nuint bufLen, out int hErrno);

    /// <summary>gethostbyaddr(_r): the hostent or null, and h_errno.</summary>
    public abstract byte* GetHostByAddr(byte* addr, uint len, int type, byte* ret, byte* buf, nuint bufLen, out int hErrno);

    public abstract int GetHostName(byte* name, nuint len, out int errno);

    public abstract int SetHostName(byte* name, nuint len, out int errno);

    public abstract byte* GetServByName(byte* name, byte* proto);

    public abstract byte* GetServByPort(int port, byte* proto);

    public abstract byte* GetProtoByName(byte* name);

    public abstract byte* IfNameIndex(out int errno);

    public abstract void IfFreeNameIndex(byte* list);

    public abstract uint IfNameToIndex(byte* name);

    public abstract byte* IfIndexToName(uint index, byte* name, out int errno);

    public abstract int InetPton(int family, byte* text, byte* addr, out int errno);

    public abstract byte* InetNtop(int family, byte* addr, byte* dst, uint size, out int errno);

    public abstract int InetAton(byte* text, byte* addr);

    public abstract byte* GaiStrerror(int code);

    public abstract byte* HStrerror(int code);
}

/// <summary>
/// Linux's C library (glibc or musl, both behind the name "libc"): the reentrant gethostbyname_r and
/// gethostbyaddr_r that CPython uses there (HAVE_GETHOSTBYNAME_R), with h_errno read from the thread's global
/// as CPython does.
/// </summary>
internal sealed unsafe class LinuxLibcCalls : LibcCalls
{
    public override bool HostLookupsNeedLock => false;

    public override int GetAddrInfo(byte* node, byte* service, byte* hints, byte** result, out int errno)
    {
        var rc = Libc.GetAddrInfo(node, service, hints, result);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override void FreeAddrInfo(byte* info) => Libc.FreeAddrInfo(info);

    public override int GetNameInfo(byte* sa, uint saLen, byte* host, uint hostLen, byte* serv, uint servLen, int flags, out int errno)
    {
        var rc = Libc.GetNameInfo(sa, saLen, host, hostLen, serv, servLen, flags);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override byte* GetHostByName(byte* name, byte* ret, byte* buf, nuint bufLen, out int hErrno)
    {
        byte* result = null;
        int ownErrno;
        Libc.GetHostByNameR(name, ret, buf, bufLen, &result, &ownErrno);

        // CPython reports the thread's global h_errno, not the reentrant call's own h_errnop.
        hErrno = *Libc.HErrnoLocation();
        return result;
    }

    public override byte* GetHostByAddr(byte* addr, uint len, int type, byte* ret, byte* buf, nuint bufLen, out int hErrno)
    {
        byte* result = null;
        int ownErrno;
        Libc.GetHostByAddrR(addr, len, type, ret, buf, bufLen, &result, &ownErrno);
        hErrno = *Libc.HErrnoLocation();
        return result;
    }

    public override int GetHostName(byte* name, nuint len, out int errno)
    {
        var rc = Libc.GetHostName(name, len);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override int SetHostName(byte* name, nuint len, out int errno)
    {
        var rc = Libc.SetHostName(name, len);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override byte* GetServByName(byte* name, byte* proto) => Libc.GetServByName(name, proto);

    public override byte* GetServByPort(int port, byte* proto) => Libc.GetServByPort(port, proto);

    public override byte* GetProtoByName(byte* name) => Libc.GetProtoByName(name);

    public override byte* IfNameIndex(out int errno)
    {
        var list = Libc.IfNameIndex();
        errno = Marshal.GetLastPInvokeError();
        return list;
    }

    public override void IfFreeNameIndex(byte* list) => Libc.IfFreeNameIndex(list);

    public override uint IfNameToIndex(byte* name) => Libc.IfNameToIndex(name);

    public override byte* IfIndexToName(uint index, byte* name, out int errno)
    {
        var p = Libc.IfIndexToName(index, name);
        errno = Marshal.GetLastPInvokeError();
        return p;
    }

    public override int InetPton(int family, byte* text, byte* addr, out int errno)
    {
        var rc = Libc.InetPton(family, text, addr);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override byte* InetNtop(int family, byte* addr, byte* dst, uint size, out int errno)
    {
        var p = Libc.InetNtop(family, addr, dst, size);
        errno = Marshal.GetLastPInvokeError();
        return p;
    }

    public override int InetAton(byte* text, byte* addr) => Libc.InetAton(text, addr);

    public override byte* GaiStrerror(int code) => (byte*)Libc.GaiStrerror(code);

    public override byte* HStrerror(int code) => (byte*)Libc.HStrerror(code);
}
