using System;
using System.Buffers.Binary;
using System.Text;

namespace PySocket;

/// <summary>
/// Converts between <see cref="SockAddr"/> and the kernel's sockaddr bytes, as CPython's
/// getsockaddrarg()/makesockaddr() do, with the same argument errors. Host names are resolved with
/// getaddrinfo for the socket's family; IP literals are parsed locally and never reach DNS.
/// </summary>
internal static unsafe class NativeSockAddr
{
    /// <summary>sizeof(struct sockaddr_storage): large enough for every family.</summary>
    public const int MaxSize = 128;

    private const int SunPathSize = 108;

    /// <summary>Python's value for a sockaddr the kernel returned.</summary>
    public static SockAddr? Decode(ReadOnlySpan<byte> sa, int length)
    {
        if (length < 2)
        {
            // An unbound AF_UNIX peer (accept) reports a zero-length address.
            return length == 0 ? null : SockAddr.Unix("");
        }

        var family = BitConverter.ToUInt16(sa);
        switch (family)
        {
            case Socket.AF_INET:
                return SockAddr.Inet(FormatIp(Socket.AF_INET, sa.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(sa[2..]));
            case Socket.AF_INET6:
                return SockAddr.Inet6(
                    FormatIp(Socket.AF_INET6, sa.Slice(8, 16)),
                    BinaryPrimitives.ReadUInt16BigEndian(sa[2..]),
                    (int)BinaryPrimitives.ReadUInt32BigEndian(sa[4..]),
                    (int)BitConverter.ToUInt32(sa[24..]));
            case Socket.AF_UNIX:
                var path = sa[2..length];
                if (path.Length > 0 && path[0] == 0)
                {
                    // Linux abstract namespace: every byte counts; Python returns bytes.
                    return SockAddr.Unix(Encoding.Latin1.GetString(path));
                }

                var end = path.IndexOf((byte)0);
                return SockAddr.Unix(Encoding.UTF8.GetString(end >= 0 ? path[..end] : path));
            default:
                return SockAddr.Unix($"<family {family}>");
        }
    }

    /// <summary>glibc's inet_ntop text for a 4- or 16-byte address.</summary>
    public static string FormatIp(int family, ReadOnlySpan<byte> address)
    {
        var text = stackalloc byte[Libc.INET6_ADDRSTRLEN];
        fixed (byte* a = address)
        {
            var p = Libc.InetNtop(family, a, text, Libc.INET6_ADDRSTRLEN);
            return p == null ? throw Errors.LastError() : new string((sbyte*)p);
        }
    }

    /// <summary>
    /// Encodes <paramref name="address"/> for a socket of <paramref name="family"/> into <paramref name="sa"/>
    /// and returns its length. <paramref name="caller"/> names the method in messages ("bind", "connect").
    /// </summary>
    public static int Encode(SockAddr? address, int family, string caller, Span<byte> sa)
    {
        sa[..MaxSize].Clear();
        switch (family)
        {
            case Socket.AF_INET:
                {
                    if (address is null)
                    {
                        throw Errors.Type($"{caller}(): AF_INET address must be tuple, not NoneType");
                    }

                    if (address.IsPath)
                    {
                        throw Errors.Type($"{caller}(): AF_INET address must be tuple, not str");
                    }

                    if (address.Arity != 2)
                    {
                        throw Errors.Type("AF_INET address must be a pair (host, port)");
                    }

                    var host = CheckHost(address.host);
                    CheckPort(address.port, caller);
                    BitConverter.TryWriteBytes(sa, (ushort)Socket.AF_INET);
                    BinaryPrimitives.WriteUInt16BigEndian(sa[2..], (ushort)address.port);
                    SetIpAddress(host, Socket.AF_INET, sa[4..8]);
                    return 16;
                }

            case Socket.AF_INET6:
                {
                    if (address is null)
                    {
                        throw Errors.Type($"{caller}(): AF_INET6 address must be tuple, not NoneType");
                    }

                    if (address.IsPath)
                    {
                        throw Errors.Type($"{caller}(): AF_INET6 address must be tuple, not str");
                    }

                    var host = CheckHost(address.host);
                    CheckPort(address.port, caller);
                    if (address.flowinfo is < 0 or > 0xfffff)
                    {
                        throw Errors.Overflow($"{caller}(): flowinfo must be 0-1048575.");
                    }

                    BitConverter.TryWriteBytes(sa, (ushort)Socket.AF_INET6);
                    BinaryPrimitives.WriteUInt16BigEndian(sa[2..], (ushort)address.port);
                    BinaryPrimitives.WriteUInt32BigEndian(sa[4..], (uint)address.flowinfo);
                    SetIpAddress(host, Socket.AF_INET6, sa[8..24]);

                    // As in CPython, the tuple's scope_id (0 when omitted) wins over a resolved one.
                    BitConverter.TryWriteBytes(sa[24..], (uint)address.scope_id);
                    return 28;
                }

            case Socket.AF_UNIX:
                {
                    if (address is null)
                    {
                        throw Errors.Type("a bytes-like object is required, not 'NoneType'");
                    }

                    if (!address.IsPath)
                    {
                        throw Errors.Type("a bytes-like object is required, not 'tuple'");
                    }

                    var path = address.path!;
                    var abstractName = path.Length > 0 && path[0] == '\0';
                    var encoding = abstractName ? Encoding.Latin1 : Encoding.UTF8;
                    var byteCount = encoding.GetByteCount(path);

                    // CPython: '' (autobind) and abstract names use exactly their bytes (up to 108); a regular
                    // path needs room for its terminating NUL (at most 107 bytes).
                    if (byteCount == 0 || abstractName ? byteCount > SunPathSize : byteCount >= SunPathSize)
                    {
                        throw Errors.Message("AF_UNIX path too long");
                    }

                    BitConverter.TryWriteBytes(sa, (ushort)Socket.AF_UNIX);
                    encoding.GetBytes(path, sa[2..]); // no allocation: the bytes go straight into the sockaddr
                    return byteCount == 0 || abstractName ? 2 + byteCount : 2 + byteCount + 1;
                }

            default:
                throw Errors.Message($"{caller}(): bad family");
        }
    }

    /// <summary>The port check CPython applies before any resolution.</summary>
    public static void CheckPort(int port, string caller)
    {
        if (port is < 0 or > 0xffff)
        {
            throw Errors.Overflow($"{caller}(): port must be 0-65535.");
        }
    }

    private static string CheckHost(string? host)
    {
        if (host is null)
        {
            throw Errors.Type("str, bytes or bytearray expected, not NoneType");
        }

        if (host.Contains('\0', StringComparison.Ordinal))
        {
            throw Errors.Type("host name must not contain null character");
        }

        return host;
    }

    /// <summary>inet_pton on a short ASCII name copied to the stack; false when it is not a literal of the family.</summary>
    private static bool TryParseLiteral(string name, int family, Span<byte> dest)
    {
        var text = stackalloc byte[Libc.INET6_ADDRSTRLEN + 1];
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '\0' or > '\x7f')
            {
                return false;
            }

            text[i] = (byte)c;
        }

        text[name.Length] = 0;
        fixed (byte* d = dest)
        {
            return Libc.InetPton(family, text, d) == 1;
        }
    }

    /// <summary>
    /// CPython's setipaddr(): '' is the wildcard, '&lt;broadcast&gt;' the broadcast address, a literal of the
    /// family is parsed locally, and anything else goes to getaddrinfo (first result).
    /// </summary>
    private static void SetIpAddress(string name, int family, Span<byte> dest)
    {
        if (name.Length == 0)
        {
            dest.Clear(); // INADDR_ANY / in6addr_any, what getaddrinfo(NULL, "0", AI_PASSIVE) returns
            return;
        }

        if (name is "<broadcast>" or "255.255.255.255")
        {
            if (family != Socket.AF_INET)
            {
                throw Errors.Message("address family mismatched");
            }

            dest.Fill(0xff);
            return;
        }

        // An IP literal is parsed from a stack copy (no allocation on the sendto/connect path);
        // only a host name goes on to getaddrinfo.
        if (name.Length <= Libc.INET6_ADDRSTRLEN && TryParseLiteral(name, family, dest))
        {
            return;
        }

        // CPython's idna_converter: an ASCII name is used as it is, any other is encoded with the IDNA codec,
        // whose failure becomes TypeError("encoding of hostname failed").
        byte[] cname;
        if (Ascii.IsValid(name))
        {
            cname = GetAddrInfo.CString(name);
        }
        else
        {
            try
            {
                cname = GetAddrInfo.CString(Encoding.ASCII.GetString(Socket.IdnaEncode(name)));
            }
            catch (UnicodeError)
            {
                throw Errors.Type("encoding of hostname failed");
            }
        }

        var rc = GetAddrInfo.Call(cname, null, family, 0, 0, 0, out var entries, out var sysErr);
        if (rc != 0)
        {
            throw Errors.Gai(rc, sysErr);
        }

        var first = entries[0];
        if (first.Family != family)
        {
            throw Errors.Message("address family mismatched");
        }

        if (family == Socket.AF_INET)
        {
            first.SockAddr.AsSpan(4, 4).CopyTo(dest);
        }
        else
        {
            first.SockAddr.AsSpan(8, 16).CopyTo(dest);
        }
    }
}
