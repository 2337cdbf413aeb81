using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace PySocket;

/// <summary>
/// The name services of Windows, called as CPython calls them there: ws2_32's ANSI getaddrinfo/getnameinfo
/// (the host arrives IDNA-encoded, so ASCII), gethostbyname/gethostbyaddr (h_errno is WSAGetLastError()),
/// getservby*/getprotobyname under the netdb lock, inet_pton/inet_ntop, inet_addr for inet_aton (Windows
/// has no inet_aton), GetComputerNameExW for gethostname, and iphlpapi for the interface calls
/// (if_nametoindex; ConvertInterfaceIndexToLuid + ConvertInterfaceLuidToNameW; GetIfTable2Ex).
/// Structures are read through <see cref="NameLayout.Windows"/>. WSAStartup runs once before the first call.
/// Error codes are the WSA/Win32 codes. Compiled everywhere, selected at start-up on Windows only; not run
/// on this machine except under Wine.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe partial class WinsockNames : NamePal
{
    private const string Ws2 = "ws2_32.dll";
    private const string IpHlp = "iphlpapi.dll";
    private const string Kernel32 = "kernel32.dll";

    // ComputerNamePhysicalDnsHostname, as CPython's socket_gethostname.
    private const int ComputerNamePhysicalDnsHostname = 5;

    // MIB_IF_TABLE_LEVEL MibIfTableRaw; sizeof(MIB_IF_ROW2) and the offsets CPython's if_nameindex reads.
    private const int MibIfTableRaw = 1;
    private const int MibIfRow2Size = 1352;
    private const int MibIfTable2RowsOffset = 8;
    private const int MibIfRow2IndexOffset = 8;

    // NDIS_IF_MAX_STRING_SIZE + 1 (IF_NAMESIZE on Windows is 256).
    private const int IfMaxName = 257;

    private const int WsaEopNotSupp = 10045;

    private readonly object _netdbLock = new();
    private readonly Lazy<int> _startup = new(Startup);

    /// <inheritdoc/>
    public override NameLayout Layout => NameLayout.Windows;

    /// <inheritdoc/>
    public override bool HasSetHostName => false;

    /// <inheritdoc/>
    public override int GetAddrInfo(byte[]? host, byte[]? service, int family, int type, int proto, int flags,
        List<AddrInfoEntry> entries, out int systemError)
    {
        systemError = 0;
        if (_startup.Value != 0)
        {
            return _startup.Value;
        }

        var ai = Layout.AddrInfo;
        var hints = stackalloc byte[ai.Size];
        new Span<byte>(hints, ai.Size).Clear();
        ai.WriteInt(hints, AI.Flags, flags);
        ai.WriteInt(hints, AI.Family, family);
        ai.WriteInt(hints, AI.SockType, type);
        ai.WriteInt(hints, AI.Protocol, proto);
        byte* result = null;
        int rc;
        fixed (byte* h = host)
        fixed (byte* s = service)
        {
            rc = getaddrinfo(host is null ? null : h, service is null ? null : s, hints, &result);
        }

        if (rc != 0)
        {
            return rc;
        }

        try
        {
            ReadAddrInfoList(Layout, result, entries);
        }
        finally
        {
            freeaddrinfo(result);
        }

        return 0;
    }

    /// <inheritdoc/>
    public override int GetNameInfo(in NameAddress address, int flags, out byte[] host, out byte[] service, out int systemError)
    {
        host = service = [];
        systemError = 0;
        if (_startup.Value != 0)
        {
            return _startup.Value;
        }

        var sa = stackalloc byte[NameLayout.SockAddrIn6Size];
        var length = Layout.WriteSockAddr(address, new Span<byte>(sa, NameLayout.SockAddrIn6Size));
        var hbuf = stackalloc byte[NiMaxHost];
        var sbuf = stackalloc byte[NiMaxServ];
        var rc = getnameinfo(sa, length, hbuf, NiMaxHost, sbuf, NiMaxServ, flags);
        if (rc != 0)
        {
            return rc;
        }

        host = CopyCString(hbuf);
        service = CopyCString(sbuf);
        return 0;
    }

    /// <inheritdoc/>
    public override bool GetHostByName(byte[] name, out HostEntry? entry, out int hErrno)
    {
        entry = null;
        if ((hErrno = _startup.Value) != 0)
        {
            return false;
        }

        fixed (byte* n = name)
        {
            lock (_netdbLock)
            {
                var h = gethostbyname(n);
                hErrno = h == null ? Marshal.GetLastPInvokeError() : 0;
                entry = h == null ? null : ReadHostEnt(Layout, h);
                return h != null;
            }
        }
    }

    /// <inheritdoc/>
    public override bool GetHostByAddr(ReadOnlySpan<byte> address, int family, out HostEntry? entry, out int hErrno)
    {
        entry = null;
        if ((hErrno = _startup.Value) != 0)
        {
            return false;
        }

        fixed (byte* a = address)
        {
            lock (_netdbLock)
            {
                var h = gethostbyaddr(a, address.Length, family);
                hErrno = h == null ? Marshal.GetLastPInvokeError() : 0;
                entry = h == null ? null : ReadHostEnt(Layout, h);
                return h != null;
            }
        }
    }

    /// <inheritdoc/>
    public override int GetHostName(out byte[] name)
    {
        name = [];
        uint size = 0;
        GetComputerNameExW(ComputerNamePhysicalDnsHostname, null, &size);
        if (size == 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        var buffer = new char[size + 1];
        fixed (char* b = buffer)
        {
            if (!GetComputerNameExW(ComputerNamePhysicalDnsHostname, b, &size))
            {
                return Marshal.GetLastPInvokeError();
            }

            name = Encoding.UTF8.GetBytes(new string(b, 0, (int)size));
        }

        return 0;
    }

    /// <inheritdoc/>
    public override int SetHostName(ReadOnlySpan<byte> name) => WsaEopNotSupp;

    /// <inheritdoc/>
    public override bool GetServByName(byte[] name, byte[]? proto, out int port)
    {
        port = 0;
        if (_startup.Value != 0)
        {
            return false;
        }

        fixed (byte* n = name)
        fixed (byte* p = proto)
        {
            lock (_netdbLock)
            {
                var entry = getservbyname(n, proto is null ? null : p);
                port = entry == null ? 0 : NetToHost16((int)Layout.ServEnt.ReadInt(entry, SE.Port));
                return entry != null;
            }
        }
    }

    /// <inheritdoc/>
    public override bool GetServByPort(int port, byte[]? proto, out byte[] name)
    {
        name = [];
        if (_startup.Value != 0)
        {
            return false;
        }

        fixed (byte* p = proto)
        {
            lock (_netdbLock)
            {
                var entry = getservbyport(NetToHost16(port), proto is null ? null : p);
                name = entry == null ? [] : CopyCString(Layout.ServEnt.ReadPointer(entry, SE.Name));
                return entry != null;
            }
        }
    }

    /// <inheritdoc/>
    public override bool GetProtoByName(byte[] name, out int number)
    {
        number = 0;
        if (_startup.Value != 0)
        {
            return false;
        }

        fixed (byte* n = name)
        {
            lock (_netdbLock)
            {
                var entry = getprotobyname(n);
                number = entry == null ? 0 : (int)Layout.ProtoEnt.ReadInt(entry, PE.Proto);
                return entry != null;
            }
        }
    }

    /// <inheritdoc/>
    public override int IfNameIndex(List<(uint Index, byte[] Name)> interfaces)
    {
        byte* table = null;
        var rc = (int)GetIfTable2Ex(MibIfTableRaw, &table);
        if (rc != 0)
        {
            return rc;
        }

        try
        {
            var count = *(uint*)table;
            var name = stackalloc char[IfMaxName];
            for (var i = 0u; i < count; i++)
            {
                var row = table + MibIfTable2RowsOffset + (i * MibIfRow2Size);
                rc = (int)ConvertInterfaceLuidToNameW((ulong*)row, name, IfMaxName);
                if (rc != 0)
                {
                    return rc;
                }

                interfaces.Add((*(uint*)(row + MibIfRow2IndexOffset), Encoding.UTF8.GetBytes(new string(name))));
            }
        }
        finally
        {
            FreeMibTable(table);
        }

        return 0;
    }

    /// <inheritdoc/>
    public override uint IfNameToIndex(byte[] name)
    {
        fixed (byte* n = name)
        {
            return if_nametoindex(n);
        }
    }

    /// <inheritdoc/>
    public override int IfIndexToName(uint index, out byte[] name)
    {
        name = [];
        ulong luid;
        var rc = (int)ConvertInterfaceIndexToLuid(index, &luid);
        var buffer = stackalloc char[IfMaxName];
        if (rc == 0)
        {
            rc = (int)ConvertInterfaceLuidToNameW(&luid, buffer, IfMaxName);
        }

        if (rc == 0)
        {
            name = Encoding.UTF8.GetBytes(new string(buffer));
        }

        return rc;
    }

    /// <inheritdoc/>
    public override int InetPton(int family, ReadOnlySpan<byte> text, Span<byte> dest, out int error)
    {
        error = 0;
        if (_startup.Value != 0)
        {
            error = _startup.Value;
            return -1;
        }

        var buffer = stackalloc byte[16];
        int rc;
        fixed (byte* t = text)
        {
            rc = inet_pton(family, t, buffer);
            if (rc < 0)
            {
                error = Marshal.GetLastPInvokeError();
            }
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
        error = 0;
        if (_startup.Value != 0)
        {
            error = _startup.Value;
            return -1;
        }

        fixed (byte* a = address)
        fixed (byte* t = text)
        {
            if (inet_ntop(family, a, t, (nuint)text.Length) == null)
            {
                error = Marshal.GetLastPInvokeError();
                return -1;
            }
        }

        var end = text.IndexOf((byte)0);
        return end < 0 ? text.Length : end;
    }

    /// <inheritdoc/>
    public override bool InetAton(ReadOnlySpan<byte> text, Span<byte> dest)
    {
        // CPython without inet_aton: "255.255.255.255" is special-cased, the rest goes to inet_addr.
        var end = text.IndexOf((byte)0);
        if (text[..(end < 0 ? text.Length : end)].SequenceEqual("255.255.255.255"u8))
        {
            dest[..4].Fill(0xff);
            return true;
        }

        if (_startup.Value != 0)
        {
            return false;
        }

        uint packed;
        fixed (byte* t = text)
        {
            packed = inet_addr(t);
        }

        if (packed == uint.MaxValue)
        {
            return false;
        }

        BitConverter.TryWriteBytes(dest, packed);
        return true;
    }

    /// <inheritdoc/>
    public override string GaiErrorText(int code) => "getaddrinfo failed";

    /// <inheritdoc/>
    public override string HostErrorText(int code) => "host not found";

    private static int Startup()
    {
        var data = stackalloc byte[512]; // WSADATA is 408 bytes on x64
        return WSAStartup(0x0202, data);
    }

    [LibraryImport(Ws2)]
    private static partial int WSAStartup(ushort version, byte* data);

    [LibraryImport(Ws2)]
    private static partial int getaddrinfo(byte* node, byte* service, byte* hints, byte** result);

    [LibraryImport(Ws2)]
    private static partial void freeaddrinfo(byte* info);

    [LibraryImport(Ws2)]
    private static partial int getnameinfo(byte* sa, int saLen, byte* host, uint hostLen, byte* serv, uint servLen, int flags);

    [LibraryImport(Ws2, SetLastError = true)]
    private static partial byte* gethostbyname(byte* name);

    [LibraryImport(Ws2, SetLastError = true)]
    private static partial byte* gethostbyaddr(byte* addr, int len, int type);

    [LibraryImport(Ws2)]
    private static partial byte* getservbyname(byte* name, byte* proto);

    [LibraryImport(Ws2)]
    private static partial byte* getservbyport(int port, byte* proto);

    [LibraryImport(Ws2)]
    private static partial byte* getprotobyname(byte* name);

    [LibraryImport(Ws2, SetLastError = true)]
    private static partial int inet_pton(int family, byte* text, byte* addr);

    [LibraryImport(Ws2, SetLastError = true)]
    private static partial byte* inet_ntop(int family, byte* addr, byte* dst, nuint size);

    [LibraryImport(Ws2)]
    private static partial uint inet_addr(byte* text);

    [LibraryImport(Kernel32, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetComputerNameExW(int type, char* buffer, uint* size);

    [LibraryImport(IpHlp)]
    private static partial uint if_nametoindex(byte* name);

    [LibraryImport(IpHlp)]
    private static partial uint ConvertInterfaceIndexToLuid(uint index, ulong* luid);

    [LibraryImport(IpHlp)]
    private static partial uint ConvertInterfaceLuidToNameW(ulong* luid, char* name, nuint length);

    [LibraryImport(IpHlp)]
    private static partial uint GetIfTable2Ex(int level, byte** table);

    [LibraryImport(IpHlp)]
    private static partial void FreeMibTable(void* table);
}
