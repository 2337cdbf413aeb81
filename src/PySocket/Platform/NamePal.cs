using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// An IPv4 or IPv6 socket address as the name services see it, independent of any OS's sockaddr layout:
/// the OS's family number, the 4- or 16-byte address, the port, and IPv6's flow label and scope.
/// A family other than the OS's AF_INET/AF_INET6 has an empty <see cref="Ip"/>.
/// </summary>
internal readonly record struct NameAddress(int Family, byte[] Ip, int Port, uint FlowInfo, uint ScopeId);

/// <summary>One getaddrinfo() result: ai_family, ai_socktype, ai_protocol, ai_canonname's bytes (empty when NULL) and ai_addr.</summary>
internal readonly record struct AddrInfoEntry(int Family, int SockType, int Protocol, byte[] CanonName, NameAddress Address);

/// <summary>A <c>struct hostent</c> copied out of the C library: h_name, h_aliases, h_addrtype and h_addr_list.</summary>
internal sealed record HostEntry(byte[] Name, List<byte[]> Aliases, int AddrType, List<byte[]> Addresses);

/// <summary>
/// The name-service half of the platform layer: the only code that calls the OS's resolver, host, service and
/// protocol databases, host name, interface index and address text functions. Each method returns the C
/// library's result and error code and never throws; it knows nothing of Python (arguments arrive as the
/// NUL-terminated bytes CPython would pass, results leave as bytes). The module functions in
/// socket/Socket.Resolver.cs, Socket.Databases.cs, Socket.AddressText.cs and Socket.Interfaces.cs apply
/// CPython's rules on top and raise through Python/Errors.cs.
/// One implementation per OS family, chosen once at start-up: <see cref="LibcNames"/> (Linux glibc and
/// musl, and macOS with its BSD layouts) and <see cref="WinsockNames"/> (ws2_32); their structure
/// layouts come from one table per OS (<see cref="NameLayout"/>). Any other OS gets
/// <see cref="UnavailableNames"/>, which says so in every error instead of guessing a layout.
/// </summary>
internal abstract class NamePal
{
    /// <summary>The name services of the running OS.</summary>
    public static NamePal Current { get; } = Create();

    /// <summary>The structure layouts and family numbers of this OS.</summary>
    public abstract NameLayout Layout { get; }

    private static NamePal Create()
    {
        if (OperatingSystem.IsWindows())
        {
            return new WinsockNames();
        }

        if (OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsMacCatalyst())
        {
            return new LibcNames(NameLayout.MacOS, new MacLibcCalls());
        }

        if (OperatingSystem.IsLinux())
        {
            return new LibcNames(NameLayout.Linux, new LinuxLibcCalls());
        }

        return new UnavailableNames();
    }

    /// <summary>
    /// getaddrinfo(host, service, hints): 0 with the results appended to <paramref name="entries"/> in the
    /// resolver's order, or the EAI_* code (and, for EAI_SYSTEM, errno in <paramref name="systemError"/>).
    /// <paramref name="host"/> and <paramref name="service"/> are NUL-terminated, or null for NULL.
    /// </summary>
    public abstract int GetAddrInfo(byte[]? host, byte[]? service, int family, int type, int proto, int flags,
        List<AddrInfoEntry> entries, out int systemError);

    /// <summary>getnameinfo(address, flags): 0 with the host and service text, or the EAI_* code (errno for EAI_SYSTEM).</summary>
    public abstract int GetNameInfo(in NameAddress address, int flags, out byte[] host, out byte[] service, out int systemError);

    /// <summary>gethostbyname(name) for IPv4: true with the entry, or false with the h_errno CPython would read.</summary>
    public abstract bool GetHostByName(byte[] name, out HostEntry? entry, out int hErrno);

    /// <summary>gethostbyaddr(address, length, family): true with the entry, or false with the h_errno CPython would read.</summary>
    public abstract bool GetHostByAddr(ReadOnlySpan<byte> address, int family, out HostEntry? entry, out int hErrno);

    /// <summary>The host name's bytes, or 0 replaced by the errno (or WSA code) of the failure.</summary>
    public abstract int GetHostName(out byte[] name);

    /// <summary>Whether the OS has sethostname (CPython exports socket.sethostname only where it does).</summary>
    public abstract bool HasSetHostName { get; }

    /// <summary>sethostname(name, length): 0, or the errno of the failure.</summary>
    public abstract int SetHostName(ReadOnlySpan<byte> name);

    /// <summary>getservbyname(name, proto): true with the port (host byte order) when the service is known.</summary>
    public abstract bool GetServByName(byte[] name, byte[]? proto, out int port);

    /// <summary>getservbyport(port, proto) for a host-order port 0-65535: true with the service name's bytes.</summary>
    public abstract bool GetServByPort(int port, byte[]? proto, out byte[] name);

    /// <summary>getprotobyname(name): true with the protocol number.</summary>
    public abstract bool GetProtoByName(byte[] name, out int number);

    /// <summary>if_nameindex(): 0 with every interface as (index, name bytes) in the OS's order, or the errno.</summary>
    public abstract int IfNameIndex(List<(uint Index, byte[] Name)> interfaces);

    /// <summary>if_nametoindex(name): the index, or 0 when there is no such interface.</summary>
    public abstract uint IfNameToIndex(byte[] name);

    /// <summary>if_indextoname(index): 0 with the name's bytes, or the errno (ENXIO for an unknown index).</summary>
    public abstract int IfIndexToName(uint index, out byte[] name);

    /// <summary>
    /// inet_pton(family, text, dest): 1 with the 4 or 16 bytes in <paramref name="dest"/>, 0 for text that is
    /// no address of the family, -1 (with the errno in <paramref name="error"/>) for an unsupported family.
    /// <paramref name="text"/> is NUL-terminated.
    /// </summary>
    public abstract int InetPton(int family, ReadOnlySpan<byte> text, Span<byte> dest, out int error);

    /// <summary>
    /// inet_ntop(family, address): the number of text bytes written to <paramref name="text"/> (at least
    /// <see cref="Inet6AddrStrLen"/> long), or -1 with the errno in <paramref name="error"/>.
    /// </summary>
    public abstract int InetNtop(int family, ReadOnlySpan<byte> address, Span<byte> text, out int error);

    /// <summary>inet_aton(text): true with the 4 bytes (network order) when the C library accepts the text (NUL-terminated).</summary>
    public abstract bool InetAton(ReadOnlySpan<byte> text, Span<byte> dest);

    /// <summary>
    /// The text of a getaddrinfo/getnameinfo error code as CPython shows it on this OS: the C library's
    /// gai_strerror on Linux and macOS, "getaddrinfo failed" on Windows (no gai_strerror there). The single hook
    /// for per-OS gai texts.
    /// </summary>
    public abstract string GaiErrorText(int code);

    /// <summary>The text of an h_errno code as CPython shows it (hstrerror, or "host not found" where the OS has none).</summary>
    public abstract string HostErrorText(int code);

    /// <summary>INET6_ADDRSTRLEN: room for any address text inet_ntop writes, with its NUL.</summary>
    public const int Inet6AddrStrLen = 46;

    /// <summary>NI_MAXHOST: the host buffer CPython gives getnameinfo.</summary>
    protected const int NiMaxHost = 1025;

    /// <summary>NI_MAXSERV: the service buffer CPython gives getnameinfo.</summary>
    protected const int NiMaxServ = 32;

    /// <summary>The bytes of a C string (without its NUL); NULL gives an empty array. The one C-string reader.</summary>
    protected static unsafe byte[] CopyCString(byte* text) =>
        text == null ? [] : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text).ToArray();

    /// <summary>ntohs/htons on a 16-bit value held in an int.</summary>
    protected static int NetToHost16(int value) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ushort)value) : (ushort)value;

    /// <summary>Copies a getaddrinfo result list read through <paramref name="layout"/>.</summary>
    protected static unsafe void ReadAddrInfoList(NameLayout layout, byte* list, List<AddrInfoEntry> entries)
    {
        var ai = layout.AddrInfo;
        for (var p = list; p != null; p = ai.ReadPointer(p, AI.Next))
        {
            entries.Add(new AddrInfoEntry(
                (int)ai.ReadInt(p, AI.Family),
                (int)ai.ReadInt(p, AI.SockType),
                (int)ai.ReadInt(p, AI.Protocol),
                CopyCString(ai.ReadPointer(p, AI.CanonName)),
                layout.ReadSockAddr(ai.ReadPointer(p, AI.Addr), (int)ai.ReadInt(p, AI.AddrLen))));
        }
    }

    /// <summary>Copies a <c>struct hostent</c> read through <paramref name="layout"/>.</summary>
    protected static unsafe HostEntry ReadHostEnt(NameLayout layout, byte* h)
    {
        var he = layout.HostEnt;
        var aliases = new List<byte[]>();
        var aliasList = (byte**)he.ReadPointer(h, HE.Aliases);
        for (var p = aliasList; p != null && *p != null; p++)
        {
            aliases.Add(CopyCString(*p));
        }

        var addresses = new List<byte[]>();
        var length = (int)he.ReadInt(h, HE.Length);
        var addrList = (byte**)he.ReadPointer(h, HE.AddrList);
        for (var p = addrList; p != null && *p != null; p++)
        {
            addresses.Add(new ReadOnlySpan<byte>(*p, length).ToArray());
        }

        return new HostEntry(CopyCString(he.ReadPointer(h, HE.Name)), aliases, (int)he.ReadInt(h, HE.AddrType), addresses);
    }

    /// <summary>IF_NAMESIZE on Linux and macOS (16); Windows interface names can be longer (IF_MAX_STRING_SIZE).</summary>
    public const int IfNameSize = 16;
}
