using System;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace PySocket;

/// <summary>
/// macOS's C library (libSystem; netdb from Libinfo). Libinfo has no gethostbyname_r/gethostbyaddr_r, so, as
/// CPython does without HAVE_GETHOSTBYNAME_R, the plain calls run under the netdb lock and h_errno is the
/// library's global <c>h_errno</c>. Structures are read through <see cref="NameLayout.MacOS"/>.
/// Not run on this machine (Linux); compiled, and selected at start-up on macOS only.
/// </summary>
[SupportedOSPlatform("macos")]
[SupportedOSPlatform("ios")]
[SupportedOSPlatform("tvos")]
[SupportedOSPlatform("maccatalyst")]
internal sealed unsafe partial class MacLibcCalls : LibcCalls
{
    private const string Lib = "/usr/lib/libSystem.B.dylib";

    private static int* _hErrnoAddress;

    public override bool HostLookupsNeedLock => true;

    public override int GetAddrInfo(byte* node, byte* service, byte* hints, byte** result, out int errno)
    {
        var rc = getaddrinfo(node, service, hints, result);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override void FreeAddrInfo(byte* info) => freeaddrinfo(info);

    public override int GetNameInfo(byte* sa, uint saLen, byte* host, uint hostLen, byte* serv, uint servLen, int flags, out int errno)
    {
        var rc = getnameinfo(sa, saLen, host, hostLen, serv, servLen, flags);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override byte* GetHostByName(byte* name, byte* ret, byte* buf, nuint bufLen, out int hErrno)
    {
        var h = gethostbyname(name);
        hErrno = h == null ? HErrno() : 0;
        return h;
    }

    public override byte* GetHostByAddr(byte* addr, uint len, int type, byte* ret, byte* buf, nuint bufLen, out int hErrno)
    {
        var h = gethostbyaddr(addr, len, type);
        hErrno = h == null ? HErrno() : 0;
        return h;
    }

    public override int GetHostName(byte* name, nuint len, out int errno)
    {
        var rc = gethostname(name, len);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override int SetHostName(byte* name, nuint len, out int errno)
    {
        var rc = sethostname(name, (int)len);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override byte* GetServByName(byte* name, byte* proto) => getservbyname(name, proto);

    public override byte* GetServByPort(int port, byte* proto) => getservbyport(port, proto);

    public override byte* GetProtoByName(byte* name) => getprotobyname(name);

    public override byte* IfNameIndex(out int errno)
    {
        var list = if_nameindex();
        errno = Marshal.GetLastPInvokeError();
        return list;
    }

    public override void IfFreeNameIndex(byte* list) => if_freenameindex(list);

    public override uint IfNameToIndex(byte* name) => if_nametoindex(name);

    public override byte* IfIndexToName(uint index, byte* name, out int errno)
    {
        var p = if_indextoname(index, name);
        errno = Marshal.GetLastPInvokeError();
        return p;
    }

    public override int InetPton(int family, byte* text, byte* addr, out int errno)
    {
        var rc = inet_pton(family, text, addr);
        errno = Marshal.GetLastPInvokeError();
        return rc;
    }

    public override byte* InetNtop(int family, byte* addr, byte* dst, uint size, out int errno)
    {
        var p = inet_ntop(family, addr, dst, size);
        errno = Marshal.GetLastPInvokeError();
        return p;
    }

    public override int InetAton(byte* text, byte* addr) => inet_aton(text, addr);

    public override byte* GaiStrerror(int code) => gai_strerror(code);

    public override byte* HStrerror(int code) => hstrerror(code);

    // netdb.h: extern int h_errno (a plain global in Libinfo); read under the netdb lock, right after the call.
    private static int HErrno()
    {
        if (_hErrnoAddress == null && NativeLibrary.TryLoad(Lib, out var handle) && NativeLibrary.TryGetExport(handle, "h_errno", out var address))
        {
            _hErrnoAddress = (int*)address;
        }

        return _hErrnoAddress == null ? 1 /* HOST_NOT_FOUND */ : *_hErrnoAddress;
    }

    [LibraryImport(Lib, SetLastError = true)]
    private static partial int getaddrinfo(byte* node, byte* service, byte* hints, byte** result);

    [LibraryImport(Lib)]
    private static partial void freeaddrinfo(byte* info);

    [LibraryImport(Lib, SetLastError = true)]
    private static partial int getnameinfo(byte* sa, uint saLen, byte* host, uint hostLen, byte* serv, uint servLen, int flags);

    [LibraryImport(Lib)]
    private static partial byte* gethostbyname(byte* name);

    [LibraryImport(Lib)]
    private static partial byte* gethostbyaddr(byte* addr, uint len, int type);

    [LibraryImport(Lib, SetLastError = true)]
    private static partial int gethostname(byte* name, nuint len);

    [LibraryImport(Lib, SetLastError = true)]
    private static partial int sethostname(byte* name, int len);

    [LibraryImport(Lib)]
    private static partial byte* getservbyname(byte* name, byte* proto);

    [LibraryImport(Lib)]
    private static partial byte* getservbyport(int port, byte* proto);

    [LibraryImport(Lib)]
    private static partial byte* getprotobyname(byte* name);

    [LibraryImport(Lib, SetLastError = true)]
    private static partial byte* if_nameindex();

    [LibraryImport(Lib)]
    private static partial void if_freenameindex(byte* list);

    [LibraryImport(Lib)]
    private static partial uint if_nametoindex(byte* name);

    [LibraryImport(Lib, SetLastError = true)]
    private static partial byte* if_indextoname(uint index, byte* name);

    [LibraryImport(Lib, SetLastError = true)]
    private static partial int inet_pton(int family, byte* text, byte* addr);

    [LibraryImport(Lib, SetLastError = true)]
    private static partial byte* inet_ntop(int family, byte* addr, byte* dst, uint size);

    [LibraryImport(Lib)]
    private static partial int inet_aton(byte* text, byte* addr);

    [LibraryImport(Lib)]
    private static partial byte* gai_strerror(int code);

    [LibraryImport(Lib)]
    private static partial byte* hstrerror(int code);
}
