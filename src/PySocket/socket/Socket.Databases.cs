using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace PySocket;

/// <content>
/// The host database (gethostbyname, gethostbyname_ex, gethostbyaddr, getfqdn), the host name, and the
/// service and protocol databases: glibc's own calls, so /etc/hosts, nsswitch.conf, /etc/services and
/// /etc/protocols decide the answers exactly as they do for CPython.
/// </content>
public static unsafe partial class Socket
{
    // CPython's buffer for the reentrant host lookups: char buf[16384], of which it passes sizeof - 1.
    private const int HostBufferSize = 16384 - 1;

    // ERANGE: the reentrant database calls' "buffer too small".
    private const int RangeErrno = 34;

    /// <summary>
    /// gethostbyname(hostname): the IPv4 address of a host as dotted-quad text. <c>''</c> is the wildcard
    /// (<c>'0.0.0.0'</c>), <c>'&lt;broadcast&gt;'</c> is <c>'255.255.255.255'</c>, IPv4 literals are parsed
    /// locally, and other names go to getaddrinfo for AF_INET (an IPv6 literal raises <c>gaierror(-9)</c>).
    /// </summary>
    public static string gethostbyname(string hostname)
    {
        var name = HostArgument(hostname, "gethostbyname");
        var sa = SetIpAddress(name, AF_INET);
        return NativeSockAddr.FormatIp(AF_INET, sa.AsSpan(4, 4));
    }

    /// <summary>
    /// gethostbyname_ex(hostname): <c>(name, aliaslist, addresslist)</c> for an IPv4 host, from glibc's
    /// gethostbyname_r; failures raise <see cref="herror"/> (h_errno) or <see cref="gaierror"/>.
    /// </summary>
    public static (string name, List<string> aliases, List<string> addresses) gethostbyname_ex(string hostname)
    {
        var name = HostArgument(hostname, "gethostbyname_ex");
        var sa = SetIpAddress(name, AF_INET);
        var family = (int)BitConverter.ToUInt16(sa);
        var buffer = new byte[HostBufferSize];
        Libc.HostEnt entry;
        Libc.HostEnt* result = null;
        int hErrno;
        fixed (byte* n = name)
        fixed (byte* b = buffer)
        {
            Libc.GetHostByNameR(n, &entry, b, (nuint)buffer.Length, &result, &hErrno);
            return HostResult(result, family);
        }
    }

    /// <summary>
    /// gethostbyaddr(ip_address): <c>(hostname, aliaslist, addresslist)</c> for an address (or a name, first
    /// resolved to an address), from glibc's gethostbyaddr_r; an address with no name raises
    /// <c>herror(1, 'Unknown host')</c>.
    /// </summary>
    public static (string name, List<string> aliases, List<string> addresses) gethostbyaddr(string ip_address)
    {
        var name = HostArgument(ip_address, "gethostbyaddr");
        var sa = SetIpAddress(name, AF_UNSPEC);
        var family = (int)BitConverter.ToUInt16(sa);
        var (offset, length) = family switch
        {
            AF_INET => (4, 4),
            _ when family == AF_INET6 => (8, 16),
            _ => throw Errors.Message("unsupported address family"),
        };
        var buffer = new byte[HostBufferSize];
        Libc.HostEnt entry;
        Libc.HostEnt* result = null;
        int hErrno;
        fixed (byte* a = sa)
        fixed (byte* b = buffer)
        {
            Libc.GetHostByAddrR(a + offset, (uint)length, family, &entry, b, (nuint)buffer.Length, &result, &hErrno);
            return HostResult(result, family);
        }
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

    /// <summary>gethostname(): the machine's host name (glibc's gethostname).</summary>
    public static string gethostname()
    {
        var buffer = new byte[1024];
        fixed (byte* b = buffer)
        {
            if (Libc.GetHostName(b, (nuint)(buffer.Length - 1)) < 0)
            {
                throw Errors.LastError();
            }

            return DecodeFs(b);
        }
    }

    /// <summary>
    /// sethostname(name): sets the machine's host name; raises the OS's error (PermissionError without
    /// CAP_SYS_ADMIN, <c>[Errno 22]</c> for a name longer than 64 bytes). An embedded NUL raises ValueError.
    /// </summary>
    public static void sethostname(string name)
    {
        var bytes = FsEncode(name);
        fixed (byte* n = bytes)
        {
            if (Libc.SetHostName(n, (nuint)bytes.Length) != 0)
            {
                throw Errors.LastError();
            }
        }
    }

    /// <summary>
    /// getservbyname(servicename[, protocolname]): the port of a service in the services database
    /// (/etc/services), or <c>OSError('service/proto not found')</c>. A null protocol matches any.
    /// </summary>
    public static int getservbyname(string servicename, string? protocolname = null)
    {
        var name = StrictUtf8(servicename ?? throw Errors.Type("getservbyname() argument 1 must be str, not None"));
        var proto = protocolname is null ? null : StrictUtf8(protocolname);
        var port = -1;
        WithBuffer(buffer =>
        {
            Libc.ServEnt entry;
            Libc.ServEnt* result = null;
            int rc;
            fixed (byte* n = name)
            fixed (byte* p = proto)
            fixed (byte* b = buffer)
            {
                rc = Libc.GetServByNameR(n, p, &entry, b, (nuint)buffer.Length, &result);
                if (rc == 0 && result != null)
                {
                    port = SwapPort(result->Port);
                }
            }

            return rc;
        });
        return port >= 0 ? port : throw Errors.Message("service/proto not found");
    }

    /// <summary>
    /// getservbyport(port[, protocolname]): the name of the service on a port in the services database,
    /// or <c>OSError('port/proto not found')</c>; the port must be 0-65535 (OverflowError otherwise).
    /// </summary>
    public static string getservbyport(int port, string? protocolname = null)
    {
        var proto = protocolname is null ? null : StrictUtf8(protocolname);
        if (port is < 0 or > 0xffff)
        {
            throw Errors.Overflow("getservbyport: port must be 0-65535.");
        }

        string? name = null;
        var networkPort = (int)(ushort)((port >> 8 & 0xff) | (port & 0xff) << 8);
        WithBuffer(buffer =>
        {
            Libc.ServEnt entry;
            Libc.ServEnt* result = null;
            int rc;
            fixed (byte* p = proto)
            fixed (byte* b = buffer)
            {
                rc = Libc.GetServByPortR(networkPort, p, &entry, b, (nuint)buffer.Length, &result);
                if (rc == 0 && result != null)
                {
                    name = DecodeStrict(result->Name);
                }
            }

            return rc;
        });
        return name ?? throw Errors.Message("port/proto not found");
    }

    /// <summary>getprotobyname(protocolname): the number of a protocol in /etc/protocols, or <c>OSError('protocol not found')</c>.</summary>
    public static int getprotobyname(string protocolname)
    {
        var name = StrictUtf8(protocolname ?? throw Errors.Type("getprotobyname() argument 1 must be str, not None"));
        var number = -1;
        WithBuffer(buffer =>
        {
            Libc.ProtoEnt entry;
            Libc.ProtoEnt* result = null;
            int rc;
            fixed (byte* n = name)
            fixed (byte* b = buffer)
            {
                rc = Libc.GetProtoByNameR(n, &entry, b, (nuint)buffer.Length, &result);
                if (rc == 0 && result != null)
                {
                    number = result->Proto;
                }
            }

            return rc;
        });
        return number >= 0 ? number : throw Errors.Message("protocol not found");
    }

    /// <summary>Runs a reentrant database call with a buffer, growing it while the call reports ERANGE.</summary>
    private static void WithBuffer(Func<byte[], int> call)
    {
        for (var size = 4096; size <= 1 << 24; size *= 2)
        {
            if (call(new byte[size]) != RangeErrno)
            {
                return;
            }
        }
    }

    private static int SwapPort(int networkPort) => (ushort)((networkPort >> 8 & 0xff) | (networkPort & 0xff) << 8);

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

        return Terminate(encoded);
    }

    /// <summary>PyUnicode_FSConverter: UTF-8 with surrogateescape; an embedded NUL raises ValueError("embedded null byte").</summary>
    private static byte[] FsEncode(string text)
    {
        if (text is null)
        {
            throw Errors.Type("expected str, bytes or os.PathLike object, not NoneType");
        }

        var bytes = new List<byte>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch is >= '\udc80' and <= '\udcff')
            {
                bytes.Add((byte)(ch - 0xdc00));
                continue;
            }

            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, 2)));
                i++;
                continue;
            }

            if (char.IsSurrogate(ch))
            {
                throw Errors.UnicodeEncode(
                    $"'utf-8' codec can't encode character '\\u{(int)ch:x4}' in position {i}: surrogates not allowed");
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(ch.ToString()));
        }

        if (bytes.Contains(0))
        {
            throw Errors.Value("embedded null byte");
        }

        bytes.Add(0);
        return [.. bytes];
    }

    /// <summary>
    /// CPython's setipaddr(): the sockaddr for a host name in <paramref name="family"/> (AF_INET or
    /// AF_UNSPEC): '' is the wildcard from getaddrinfo(NULL, "0", AI_PASSIVE), '&lt;broadcast&gt;' and
    /// '255.255.255.255' the broadcast address, literals are parsed with inet_pton, and the rest goes to
    /// getaddrinfo (first result).
    /// </summary>
    private static byte[] SetIpAddress(byte[] name, int family)
    {
        var sa = new byte[NativeSockAddr.MaxSize];
        var length = name.Length - 1;
        if (length == 0)
        {
            var rc = GetAddrInfo.Call(null, AsciiZ("0"), family, SOCK_DGRAM, 0, AI_PASSIVE, out var wild, out var sysErr);
            if (rc != 0)
            {
                throw Errors.Gai(rc, sysErr);
            }

            if (wild[0].Family != AF_INET && wild[0].Family != AF_INET6)
            {
                throw Errors.Message("unsupported address family");
            }

            if (wild.Count > 1)
            {
                throw Errors.Message("wildcard resolved to multiple address");
            }

            wild[0].SockAddr.CopyTo(sa, 0);
            return sa;
        }

        var text = name.AsSpan(0, length);
        if (text.SequenceEqual("255.255.255.255"u8) || text.SequenceEqual("<broadcast>"u8))
        {
            if (family != AF_INET && family != AF_UNSPEC)
            {
                throw Errors.Message("address family mismatched");
            }

            BitConverter.TryWriteBytes(sa, (ushort)AF_INET);
            sa.AsSpan(4, 4).Fill(0xff);
            return sa;
        }

        fixed (byte* n = name)
        fixed (byte* s = sa)
        {
            if ((family == AF_UNSPEC || family == AF_INET) && Libc.InetPton(AF_INET, n, s + 4) > 0)
            {
                BitConverter.TryWriteBytes(sa, (ushort)AF_INET);
                return sa;
            }

            if ((family == AF_UNSPEC || family == AF_INET6) && Libc.InetPton(AF_INET6, n, s + 8) > 0)
            {
                BitConverter.TryWriteBytes(sa, (ushort)AF_INET6);
                return sa;
            }
        }

        var code = GetAddrInfo.Call(name, null, family, 0, 0, 0, out var entries, out var systemErrno);
        if (code != 0)
        {
            throw Errors.Gai(code, systemErrno);
        }

        entries[0].SockAddr.CopyTo(sa, 0);
        return entries[0].Family == AF_INET || entries[0].Family == AF_INET6 ? sa : throw Errors.Message("unknown address family");
    }

    /// <summary>CPython's gethost_common(): the (name, aliases, addresses) tuple, or herror from h_errno.</summary>
    private static (string name, List<string> aliases, List<string> addresses) HostResult(Libc.HostEnt* h, int family)
    {
        if (h == null)
        {
            // CPython reports the thread's global h_errno, not the reentrant call's own h_errnop.
            throw Errors.Herror(*Libc.HErrnoLocation());
        }

        if (h->AddrType != family)
        {
            throw Errors.FromErrno(Errno.EAFNOSUPPORT);
        }

        var aliases = new List<string>();
        if (h->Aliases != null)
        {
            for (var p = h->Aliases; *p != null; p++)
            {
                aliases.Add(DecodeStrict(*p));
            }
        }

        var addresses = new List<string>();
        var size = family == AF_INET ? 4 : 16;
        for (var p = h->AddrList; *p != null; p++)
        {
            addresses.Add(NativeSockAddr.FormatIp(family, new ReadOnlySpan<byte>(*p, size)));
        }

        return (DecodeFs(h->Name), aliases, addresses);
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
