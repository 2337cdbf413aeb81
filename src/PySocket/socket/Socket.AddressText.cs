using System;
using System.Globalization;
using System.Text;

namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// inet_aton(ip_string): the 4-byte packed form of a dotted IPv4 string, parsed by the C library's inet_aton
    /// exactly as CPython does, so its forms are accepted ("127.1", "0x7f.1", octal "0177.0.0.1", a single
    /// 32-bit number) and text after the first whitespace is ignored. An unparsable string raises
    /// OSError("illegal IP address string passed to inet_aton"); a NUL character raises
    /// ValueError("embedded null character"); null raises TypeError.
    /// </summary>
    public static byte[] inet_aton(string ip_string)
    {
        var text = CStrings.StrictArg(ip_string, "inet_aton() argument 1 must be str, not None");
        var packed = new byte[4];
        return NamePal.Current.InetAton(text, packed) ? packed : throw Errors.Message("illegal IP address string passed to inet_aton");
    }

    /// <summary>
    /// inet_ntoa(packed_ip): the dotted-quad string of a 4-byte packed IPv4 address. Any other length raises
    /// OSError("packed IP wrong length for inet_ntoa"); null raises TypeError.
    /// </summary>
    public static string inet_ntoa(byte[] packed_ip) => inet_ntoa(new ReadOnlySpan<byte>(RequireBytes(packed_ip)));

    /// <summary>
    /// inet_ntoa(packed_ip): the dotted-quad string of a 4-byte packed IPv4 address held in a span. Any other
    /// length raises OSError("packed IP wrong length for inet_ntoa").
    /// </summary>
    public static string inet_ntoa(ReadOnlySpan<byte> packed_ip)
    {
        if (packed_ip.Length != 4)
        {
            throw Errors.Message("packed IP wrong length for inet_ntoa");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{packed_ip[0]}.{packed_ip[1]}.{packed_ip[2]}.{packed_ip[3]}");
    }

    /// <summary>
    /// inet_pton(address_family, ip_string): the packed binary form of an IPv4 (AF_INET, 4 bytes) or IPv6
    /// (AF_INET6, 16 bytes) address string, parsed by glibc's inet_pton ("::ffff:1.2.3.4" and "::1.2.3.4"
    /// included). An unparsable string raises OSError("illegal IP address string passed to inet_pton"); any
    /// other family raises OSError(EAFNOSUPPORT); a NUL character raises ValueError; null raises TypeError.
    /// </summary>
    public static byte[] inet_pton(int address_family, string ip_string)
    {
        var text = CStrings.StrictArg(ip_string, "inet_pton() argument 2 must be str, not None");
        Span<byte> packed = stackalloc byte[16];
        var rc = NamePal.Current.InetPton(address_family, text, packed, out var error);
        if (rc < 0)
        {
            // glibc's inet_pton fails only with EAFNOSUPPORT.
            throw Errors.FromErrno(error != 0 ? error : Errno.EAFNOSUPPORT);
        }

        if (rc == 0)
        {
            throw Errors.Message("illegal IP address string passed to inet_pton");
        }

        return packed[..(address_family == AF_INET ? 4 : 16)].ToArray();
    }

    /// <summary>
    /// inet_ntop(address_family, packed_ip): the standard text of a packed IPv4 (4 bytes) or IPv6 (16 bytes)
    /// address, formatted by glibc's inet_ntop (longest run of zero groups compressed, "::ffff:1.2.3.4"). A
    /// wrong length raises ValueError("invalid length of packed IP address string"), another family
    /// ValueError("unknown address family N"); null raises TypeError.
    /// </summary>
    public static string inet_ntop(int address_family, byte[] packed_ip) =>
        inet_ntop(address_family, new ReadOnlySpan<byte>(RequireBytes(packed_ip)));

    /// <summary>
    /// inet_ntop(address_family, packed_ip): the standard text of a packed IPv4 or IPv6 address held in a span,
    /// with the byte[] overload's errors.
    /// </summary>
    public static string inet_ntop(int address_family, ReadOnlySpan<byte> packed_ip)
    {
        var wanted = address_family switch
        {
            AF_INET => 4,
            _ when address_family == AF_INET6 => 16,
            _ => throw Errors.Value(string.Create(CultureInfo.InvariantCulture, $"unknown address family {address_family}")),
        };
        if (packed_ip.Length != wanted)
        {
            throw Errors.Value("invalid length of packed IP address string");
        }

        Span<byte> text = stackalloc byte[NamePal.Inet6AddrStrLen];
        var length = NamePal.Current.InetNtop(address_family, packed_ip, text, out var error);
        return length < 0 ? throw Errors.FromErrno(error) : Encoding.ASCII.GetString(text[..length]);
    }

    private static byte[] RequireBytes(byte[]? data) =>
        data ?? throw Errors.Type("a bytes-like object is required, not 'NoneType'");
}
