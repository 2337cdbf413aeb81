using System;
using System.Collections.Generic;
using System.Text;

namespace PySocket;

/// <summary>
/// CPython's resolver rules shared by the module functions and the socket object's address encoding, over
/// <see cref="NamePal"/>: the getaddrinfo call, setipaddr() (the one host-to-address parser: '' is the
/// wildcard, '&lt;broadcast&gt;' the broadcast address, IP literals go to inet_pton and never to DNS, the
/// rest to the resolver), the inet_ntop text of an address, and the Python value of a resolved address.
/// </summary>
internal static class GetAddrInfo
{
    /// <summary>Calls getaddrinfo; returns 0 and the entries, or the EAI_* code (and errno for EAI_SYSTEM).</summary>
    public static int Call(byte[]? host, byte[]? service, int family, int type, int proto, int flags,
        out List<AddrInfoEntry> entries, out int systemErrno)
    {
        entries = [];
        return NamePal.Current.GetAddrInfo(host, service, family, type, proto, flags, entries, out systemErrno);
    }

    /// <summary>getaddrinfo, raising gaierror (or the errno's OSError for EAI_SYSTEM) on failure.</summary>
    public static List<AddrInfoEntry> Resolve(byte[]? host, byte[]? service, int family, int type, int proto, int flags)
    {
        var rc = Call(host, service, family, type, proto, flags, out var entries, out var systemErrno);
        return rc != 0 ? throw Errors.Gai(rc, systemErrno) : entries;
    }

    /// <summary>
    /// CPython's setipaddr(): the address of <paramref name="name"/> (C string bytes without the NUL) for
    /// <paramref name="family"/> (AF_INET, AF_INET6 or AF_UNSPEC), written to <paramref name="ip"/> (16 bytes
    /// of room); returns the address's family. '' is the wildcard from getaddrinfo(NULL, "0", AI_PASSIVE)
    /// (one result, else "wildcard resolved to multiple address"); '&lt;broadcast&gt;' and '255.255.255.255'
    /// are INADDR_BROADCAST; IPv4 and IPv6 literals (without a '%scope') are parsed with inet_pton; anything
    /// else is the first result of getaddrinfo(name, NULL, family). Literals allocate nothing.
    /// </summary>
    public static int SetIpAddress(ReadOnlySpan<byte> name, int family, Span<byte> ip)
    {
        var pal = NamePal.Current;
        var layout = pal.Layout;
        if (name.IsEmpty)
        {
            var wild = Resolve(null, "0\0"u8.ToArray(), family, Socket.SOCK_DGRAM, 0, Socket.AI_PASSIVE);
            var first = wild[0].Address;
            if (wild[0].Family != layout.AfInet && wild[0].Family != layout.AfInet6)
            {
                throw Errors.Message("unsupported address family");
            }

            if (wild.Count > 1)
            {
                throw Errors.Message("wildcard resolved to multiple address");
            }

            first.Ip.CopyTo(ip);
            return first.Family;
        }

        if (name.SequenceEqual("255.255.255.255"u8) || name.SequenceEqual("<broadcast>"u8))
        {
            if (family != layout.AfInet && family != Socket.AF_UNSPEC)
            {
                throw Errors.Message("address family mismatched");
            }

            ip[..4].Fill(0xff);
            return layout.AfInet;
        }

        if (name.Length < NamePal.Inet6AddrStrLen + 16)
        {
            Span<byte> text = stackalloc byte[name.Length + 1];
            name.CopyTo(text);
            text[^1] = 0;
            if ((family == Socket.AF_UNSPEC || family == layout.AfInet) && pal.InetPton(layout.AfInet, text, ip, out _) > 0)
            {
                return layout.AfInet;
            }

            // An IPv6 literal with a scope goes to getaddrinfo, which maps the interface name to its index.
            if ((family == Socket.AF_UNSPEC || family == layout.AfInet6) && name.IndexOf((byte)'%') < 0
                && pal.InetPton(layout.AfInet6, text, ip, out _) > 0)
            {
                return layout.AfInet6;
            }
        }

        var entries = Resolve(CStrings.Terminate(name), null, family, 0, 0, 0);
        var address = entries[0].Address;
        if (address.Family != layout.AfInet && address.Family != layout.AfInet6)
        {
            throw Errors.Message("unknown address family");
        }

        address.Ip.CopyTo(ip);
        return address.Family;
    }

    /// <summary>The inet_ntop text of a 4-byte (AF_INET) or 16-byte (AF_INET6) address.</summary>
    public static string FormatIp(int family, ReadOnlySpan<byte> address)
    {
        Span<byte> text = stackalloc byte[NamePal.Inet6AddrStrLen];
        var length = NamePal.Current.InetNtop(family, address, text, out var error);
        return length < 0 ? throw Errors.FromErrno(error) : Encoding.ASCII.GetString(text[..length]);
    }

    /// <summary>
    /// Python's value for a resolved address (CPython's makesockaddr): <c>(host, port)</c> for AF_INET,
    /// <c>(host, port, flowinfo, scope_id)</c> for AF_INET6.
    /// </summary>
    public static SockAddr ToSockAddr(in NameAddress address)
    {
        var layout = NamePal.Current.Layout;
        if (address.Family == layout.AfInet && address.Ip.Length == 4)
        {
            return SockAddr.Inet(FormatIp(address.Family, address.Ip), address.Port);
        }

        if (address.Family == layout.AfInet6 && address.Ip.Length == 16)
        {
            return SockAddr.Inet6(FormatIp(address.Family, address.Ip), address.Port, (int)address.FlowInfo, (int)address.ScopeId);
        }

        return SockAddr.Unix($"<family {address.Family}>");
    }
}
