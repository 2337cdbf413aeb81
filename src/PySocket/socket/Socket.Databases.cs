using System;
using System.Collections.Generic;
using System.Runtime.Versioning;

namespace PySocket;

/// <content>
/// The host database (gethostbyname, gethostbyname_ex, gethostbyaddr, getfqdn), the host name, and the
/// service and protocol databases: the OS's own calls through <see cref="NamePal"/>, so /etc/hosts,
/// nsswitch.conf, /etc/services and /etc/protocols (or the OS's equivalents) decide the answers exactly as
/// they do for CPython.
/// </content>
public static partial class Socket
{
    /// <summary>
    /// gethostbyname(hostname): the IPv4 address of a host as dotted-quad text. <c>''</c> is the wildcard
    /// (<c>'0.0.0.0'</c>), <c>'&lt;broadcast&gt;'</c> is <c>'255.255.255.255'</c>, IPv4 literals are parsed
    /// locally, and other names go to getaddrinfo for AF_INET (an IPv6 literal raises <c>gaierror(-9)</c>).
    /// </summary>
    public static string gethostbyname(string hostname)
    {
        var name = HostArgument(hostname, "gethostbyname");
        Span<byte> ip = stackalloc byte[16];
        var family = GetAddrInfo.SetIpAddress(name.AsSpan(0, name.Length - 1), NamePal.Current.Layout.AfInet, ip);
        return GetAddrInfo.FormatIp(family, ip[..4]);
    }

    /// <summary>
    /// gethostbyname_ex(hostname): <c>(name, aliaslist, addresslist)</c> for an IPv4 host, from the C library's
    /// gethostbyname(_r); failures raise <see cref="herror"/> (h_errno) or <see cref="gaierror"/>.
    /// </summary>
    public static (string name, List<string> aliases, List<string> addresses) gethostbyname_ex(string hostname)
    {
        var name = HostArgument(hostname, "gethostbyname_ex");
        Span<byte> ip = stackalloc byte[16];
        var family = GetAddrInfo.SetIpAddress(name.AsSpan(0, name.Length - 1), NamePal.Current.Layout.AfInet, ip);
        var found = NamePal.Current.GetHostByName(name, out var entry, out var hErrno);
        return HostResult(found ? entry : null, hErrno, family);
    }

    /// <summary>
    /// gethostbyaddr(ip_address): <c>(hostname, aliaslist, addresslist)</c> for an address (or a name, first
    /// resolved to an address), from the C library's gethostbyaddr(_r); an address with no name raises
    /// <c>herror(1, 'Unknown host')</c>.
    /// </summary>
    public static (string name, List<string> aliases, List<string> addresses) gethostbyaddr(string ip_address)
    {
        var name = HostArgument(ip_address, "gethostbyaddr");
        Span<byte> ip = stackalloc byte[16];
        var family = GetAddrInfo.SetIpAddress(name.AsSpan(0, name.Length - 1), AF_UNSPEC, ip);
        var length = NamePal.Current.Layout.AddressLength(family);
        if (length == 0)
        {
            throw Errors.Message("unsupported address family");
        }

        var found = NamePal.Current.GetHostByAddr(ip[..length], family, out var entry, out var hErrno);
        return HostResult(found ? entry : null, hErrno, family);
    }

    /// <summary>
    /// getfqdn(name=''): socket.py's algorithm. An empty name (after stripping whitespace), <c>'0.0.0.0'</c>
    /// or <c>'::'</c> means the local host name; the first of gethostbyaddr's hostname and aliases that
    /// contains a dot is returned, else its hostname, else (on an OSError) the name itself. Null raises
    /// TypeError with the message of Python's AttributeError (<c>'NoneType' object has no attribute 'strip'</c>).
    /// </summary>
    public static string getfqdn(string name = "")
    {
        // socket.py calls name.strip(): None raises AttributeError there (a TypeError here, with its message).
        name = PyStrip(name ?? throw Errors.Type("'NoneType' object has no attribute 'strip'"));
        if (name.Length == 0 || name is "0.0.0.0" or "::")
        {
            name = gethostname();
        }

        (string hostname, List<string> aliases, List<string> addresses) found;
        try
        {
            found = gethostbyaddr(name);
        }
        catch (OSError)
        {
            return name;
        }

        var candidates = new List<string>(found.aliases);
        candidates.Insert(0, found.hostname);
        foreach (var candidate in candidates)
        {
            if (candidate.Contains('.', StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return found.hostname;
    }

    /// <summary>gethostname(): the machine's host name (gethostname; GetComputerNameExW on Windows, as CPython).</summary>
    public static string gethostname()
    {
        var error = NamePal.Current.GetHostName(out var name);
        return error != 0 ? throw Errors.FromErrno(error) : CStrings.DecodeFs(name);
    }

    /// <summary>
    /// sethostname(name): sets the machine's host name; raises the OS's error (PermissionError without
    /// CAP_SYS_ADMIN, <c>[Errno 22]</c> for a name longer than 64 bytes). An embedded NUL raises ValueError.
    /// Windows has no sethostname (CPython has no <c>socket.sethostname</c> there): it raises OSError saying so.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public static void sethostname(string name)
    {
        var bytes = CStrings.FsEncode(name);
        var pal = NamePal.Current;
        if (!pal.HasSetHostName)
        {
            throw Errors.Message($"sethostname is not available on {pal.Layout.Os} (CPython's socket module has no sethostname there)");
        }

        var error = pal.SetHostName(bytes.AsSpan(0, bytes.Length - 1));
        if (error != 0)
        {
            throw Errors.FromErrno(error);
        }
    }

    /// <summary>
    /// getservbyname(servicename[, protocolname]): the port of a service in the services database
    /// (/etc/services), or <c>OSError('service/proto not found')</c>. A null protocol matches any.
    /// </summary>
    public static int getservbyname(string servicename, string? protocolname = null)
    {
        var name = CStrings.StrictArg(servicename, "getservbyname() argument 1 must be str, not None");
        var proto = protocolname is null ? null : CStrings.StrictArg(protocolname);
        return NamePal.Current.GetServByName(name, proto, out var port) ? port : throw Errors.Message("service/proto not found");
    }

    /// <summary>
    /// getservbyport(port[, protocolname]): the name of the service on a port in the services database,
    /// or <c>OSError('port/proto not found')</c>; the port must be 0-65535 (OverflowError otherwise).
    /// </summary>
    public static string getservbyport(int port, string? protocolname = null)
    {
        var proto = protocolname is null ? null : CStrings.StrictArg(protocolname);
        if (port is < 0 or > 0xffff)
        {
            throw Errors.Overflow("getservbyport: port must be 0-65535.");
        }

        return NamePal.Current.GetServByPort(port, proto, out var name)
            ? CStrings.DecodeStrict(name)
            : throw Errors.Message("port/proto not found");
    }

    /// <summary>
    /// getprotobyname(protocolname): the number of a protocol in /etc/protocols, or <c>OSError('protocol not found')</c>.
    /// The C library's plain getprotobyname, as CPython calls it (musl has no getprotobyname_r).
    /// </summary>
    public static int getprotobyname(string protocolname)
    {
        var name = CStrings.StrictArg(protocolname, "getprotobyname() argument 1 must be str, not None");
        return NamePal.Current.GetProtoByName(name, out var number) ? number : throw Errors.Message("protocol not found");
    }

    /// <summary>
    /// An <c>et</c>-format host argument (CPython's gethostbyname family): IDNA-encoded, and an embedded NUL
    /// raises TypeError. Returns the NUL-terminated bytes.
    /// </summary>
    private static byte[] HostArgument(string host, string function)
    {
        if (host is null)
        {
            throw Errors.Type($"{function}() argument 1 must be str, bytes or bytearray, not None");
        }

        var encoded = IdnaEncode(host);
        if (Array.IndexOf(encoded, (byte)0) >= 0)
        {
            throw Errors.Type($"{function}() argument 1 must be encoded string without null bytes, not str");
        }

        return CStrings.Terminate(encoded);
    }

    /// <summary>CPython's gethost_common(): the (name, aliases, addresses) tuple, or herror from h_errno.</summary>
    private static (string name, List<string> aliases, List<string> addresses) HostResult(HostEntry? h, int hErrno, int family)
    {
        if (h is null)
        {
            throw Errors.Herror(hErrno);
        }

        if (h.AddrType != family)
        {
            throw Errors.FromErrno(Errno.EAFNOSUPPORT);
        }

        var aliases = new List<string>(h.Aliases.Count);
        foreach (var alias in h.Aliases)
        {
            aliases.Add(CStrings.DecodeStrict(alias));
        }

        var addresses = new List<string>(h.Addresses.Count);
        var size = NamePal.Current.Layout.AddressLength(family);
        foreach (var address in h.Addresses)
        {
            addresses.Add(GetAddrInfo.FormatIp(family, address.AsSpan(0, Math.Min(size, address.Length))));
        }

        return (CStrings.DecodeFs(h.Name), aliases, addresses);
    }

    /// <summary>Python's <c>str.strip()</c>: removes the characters <c>str.isspace()</c> accepts.</summary>
    private static string PyStrip(string text)
    {
        static bool IsSpace(char c) =>
            c is (>= '\t' and <= '\r') or (>= '\x1c' and <= ' ') or '\x85' or '\xa0' or '\u1680'
                or (>= '\u2000' and <= '\u200a') or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000';

        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }
}
