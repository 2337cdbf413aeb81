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
    // Linux's values: this codec is the native (Linux) layer's struct layout, so the families are Linux's constants.

    /// <summary>sizeof(struct sockaddr_storage): large enough for every family.</summary>
    public const int MaxSize = 128;

    // The OS's sockaddr layout (Linux/Windows: 2-byte family; macOS: length byte + 1-byte family).
    private static readonly PlatformLayout Layout = SocketPal.Current.Layout;

    private static int SunPathSize => Layout.SunPathSize;

    /// <summary>Python's value for a sockaddr the kernel returned.</summary>
    public static SockAddr? Decode(ReadOnlySpan<byte> sa, int length)
    {
        if (length < 2)
        {
            // An unbound AF_UNIX peer (accept) reports a zero-length address.
            return length == 0 ? null : SockAddr.Unix("");
        }

        var family = Layout.ReadFamily(sa);
        switch (family)
        {
            case Socket.AF_INET:
                return SockAddr.Inet(FormatIp(Socket.AF_INET, sa.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(sa[2..]));
            case var inet6 when inet6 == ConstantTable.AF_INET6:
                return SockAddr.Inet6(
                    FormatIp(Socket.AF_INET6, sa.Slice(8, 16)),
                    BinaryPrimitives.ReadUInt16BigEndian(sa[2..]),
                    (int)BinaryPrimitives.ReadUInt32BigEndian(sa[4..]),
                    (int)BitConverter.ToUInt32(sa[24..]));
            case var unix when unix == ConstantTable.AF_UNIX:
                var path = sa[Layout.SunPathOffset..length];
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

    /// <summary>The inet_ntop text for a 4- or 16-byte address (<see cref="GetAddrInfo.FormatIp"/>).</summary>
    public static string FormatIp(int family, ReadOnlySpan<byte> address) => GetAddrInfo.FormatIp(family, address);

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
                    Layout.WriteFamily(sa, Socket.AF_INET, 16);
                    BinaryPrimitives.WriteUInt16BigEndian(sa[2..], (ushort)address.port);
                    SetIpAddress(host, Socket.AF_INET, sa[4..8]);
                    return 16;
                }

            case var inet6 when inet6 == ConstantTable.AF_INET6:
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

                    Layout.WriteFamily(sa, Socket.AF_INET6, 28);
                    BinaryPrimitives.WriteUInt16BigEndian(sa[2..], (ushort)address.port);
                    BinaryPrimitives.WriteUInt32BigEndian(sa[4..], (uint)address.flowinfo);
                    SetIpAddress(host, Socket.AF_INET6, sa[8..24]);

                    // As in CPython, the tuple's scope_id (0 when omitted) wins over a resolved one.
                    BitConverter.TryWriteBytes(sa[24..], (uint)address.scope_id);
                    return 28;
                }

            case var unix when unix == ConstantTable.AF_UNIX:
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

                    var length = byteCount == 0 || abstractName ? Layout.SunPathOffset + byteCount : Layout.SunPathOffset + byteCount + 1;
                    Layout.WriteFamily(sa, Socket.AF_UNIX, length);
                    encoding.GetBytes(path, sa[Layout.SunPathOffset..]); // no allocation: the bytes go straight into the sockaddr
                    return length;
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

    /// <summary>
    /// CPython's setipaddr() for a socket address's host (<see cref="GetAddrInfo.SetIpAddress"/>, the one parser):
    /// the host is converted as CPython's idna_converter does (an ASCII name as it is, from a stack copy so a
    /// literal allocates nothing; any other IDNA-encoded, whose failure is TypeError("encoding of hostname failed")).
    /// </summary>
    private static void SetIpAddress(string name, int family, Span<byte> dest)
    {
        Span<byte> ip = stackalloc byte[16];
        if (name.Length <= 64 && Ascii.IsValid(name))
        {
            Span<byte> ascii = stackalloc byte[name.Length];
            Encoding.ASCII.GetBytes(name, ascii);
            GetAddrInfo.SetIpAddress(ascii, family, ip);
        }
        else
        {
            byte[] encoded;
            try
            {
                encoded = Ascii.IsValid(name) ? Encoding.ASCII.GetBytes(name) : Socket.IdnaEncode(name);
            }
            catch (UnicodeError)
            {
                throw Errors.Type("encoding of hostname failed");
            }

            GetAddrInfo.SetIpAddress(encoded, family, ip);
        }

        ip[..dest.Length].CopyTo(dest);
    }
}
