using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace PySocket;

/// <content>getaddrinfo() and getnameinfo(): the OS's resolver (through <see cref="NamePal"/>), called as CPython calls it.</content>
public static partial class Socket
{
    private static readonly char[] IdnaDots = ['.', '\u3002', '\uff0e', '\uff61'];

    /// <summary>
    /// getaddrinfo(host, port, family=0, type=0, proto=0, flags=0): glibc's getaddrinfo, as a list of
    /// <c>(family, type, proto, canonname, sockaddr)</c> in glibc's order. <paramref name="host"/> null is
    /// NULL (loopback, or the wildcard with AI_PASSIVE); a host is IDNA-encoded and cut at an embedded NUL.
    /// <paramref name="port"/> is null, an integer (formatted in decimal), a string (number or service
    /// name) or a <c>byte[]</c>; anything else raises <c>OSError("Int or String expected")</c>. Resolver
    /// failures raise <see cref="gaierror"/> with glibc's EAI_* code and text.
    /// </summary>
    public static IReadOnlyList<(AddressFamily family, SocketKind type, int proto, string canonname, SockAddr sockaddr)> getaddrinfo(
        string? host, object? port, int family = 0, int type = 0, int proto = 0, int flags = 0)
    {
        var hostBytes = host is null ? null : CStrings.CutAtNul(IdnaEncode(host));
        var portBytes = PortArgument(port);
        var entries = GetAddrInfo.Resolve(hostBytes, portBytes, family, type, proto, flags);
        var result = new List<(AddressFamily, SocketKind, int, string, SockAddr)>(entries.Count);
        foreach (var e in entries)
        {
            result.Add((new AddressFamily(e.Family), new SocketKind(e.SockType), e.Protocol,
                CStrings.DecodeStrict(e.CanonName), GetAddrInfo.ToSockAddr(e.Address)));
        }

        return result;
    }

    /// <summary>
    /// getnameinfo(sockaddr, flags): the C library's getnameinfo for a numeric <c>(host, port)</c> or
    /// <c>(host, port, flowinfo, scope_id)</c> address, returning <c>(host, port)</c> as strings.
    /// The host must be an IP literal (a name raises <c>gaierror(-2)</c>); an IPv4 address must be a
    /// 2-tuple; the port is formatted in decimal and so wraps as glibc does.
    /// </summary>
    public static (string host, string port) getnameinfo(SockAddr sockaddr, int flags)
    {
        if (sockaddr is null || sockaddr.IsPath)
        {
            throw Errors.Type("getnameinfo() argument 1 must be a tuple");
        }

        if (sockaddr.host is null)
        {
            throw Errors.Type("getnameinfo(): illegal sockaddr argument");
        }

        var host = CStrings.StrictArg(sockaddr.host);
        var flowinfo = (uint)sockaddr.flowinfo;
        var scopeId = (uint)sockaddr.scope_id;
        if (flowinfo > 0xfffff)
        {
            throw Errors.Overflow("getnameinfo(): flowinfo must be 0-1048575.");
        }

        var service = CStrings.Ascii(sockaddr.port.ToString(CultureInfo.InvariantCulture));
        var entries = GetAddrInfo.Resolve(host, service, AF_UNSPEC, SOCK_DGRAM, 0, AI_NUMERICHOST);
        if (entries.Count > 1)
        {
            throw Errors.Message("sockaddr resolved to multiple addresses");
        }

        var pal = NamePal.Current;
        var address = entries[0].Address;
        if (entries[0].Family == pal.Layout.AfInet)
        {
            if (sockaddr.Arity != 2)
            {
                throw Errors.Message("IPv4 sockaddr must be 2 tuple");
            }
        }
        else if (entries[0].Family == pal.Layout.AfInet6)
        {
            address = address with { FlowInfo = flowinfo, ScopeId = scopeId };
        }

        var rc = pal.GetNameInfo(address, flags, out var hostText, out var serviceText, out var systemErrno);
        if (rc != 0)
        {
            throw Errors.Gai(rc, systemErrno);
        }

        return (CStrings.DecodeStrict(hostText), CStrings.DecodeStrict(serviceText));
    }

    /// <summary>getaddrinfo's port argument as CPython converts it: decimal text, UTF-8 text, bytes, or NULL.</summary>
    private static byte[]? PortArgument(object? port)
    {
        switch (port)
        {
            case null:
                return null;
            case int or long or short or sbyte or byte or ushort or uint:
                return CStrings.Ascii(Convert.ToInt64(port, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            case ulong u:
                return u <= long.MaxValue
                    ? CStrings.Ascii(u.ToString(CultureInfo.InvariantCulture))
                    : throw Errors.Overflow("Python int too large to convert to C long");
            case BigInteger big:
                return big >= long.MinValue && big <= long.MaxValue
                    ? CStrings.Ascii(big.ToString(CultureInfo.InvariantCulture))
                    : throw Errors.Overflow("Python int too large to convert to C long");
            case string text:
                return CStrings.CutAtNul(PyText.StrictUtf8Bytes(text));
            case byte[] bytes:
                return CStrings.CutAtNul(bytes);
            default:
                throw Errors.Message("Int or String expected");
        }
    }

    /// <summary>Python's <c>str.encode('idna')</c> (encodings/idna.py): the ASCII fast path with its label checks.</summary>
    internal static byte[] IdnaEncode(string host)
    {
        if (host.Length == 0)
        {
            return [];
        }

        var ascii = true;
        foreach (var ch in host)
        {
            if (ch >= 0x80)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            var labels = host.Split('.');
            for (var i = 0; i < labels.Length - 1; i++)
            {
                if (labels[i].Length is 0 or >= 64)
                {
                    throw IdnaError("label empty or too long");
                }
            }

            if (labels[^1].Length >= 64)
            {
                throw IdnaError("label too long");
            }

            return Encoding.ASCII.GetBytes(host);
        }

        var parts = new List<string>(host.Split(IdnaDots));
        var trailingDot = false;
        if (parts.Count > 0 && parts[^1].Length == 0)
        {
            trailingDot = true;
            parts.RemoveAt(parts.Count - 1);
        }

        var sb = new StringBuilder();
        foreach (var label in parts)
        {
            if (sb.Length > 0)
            {
                sb.Append('.');
            }

            string encoded;
            if (label.Length > 0 && label.AsSpan().IndexOfAnyExceptInRange('\0', '\x7f') < 0)
            {
                encoded = label;
            }
            else
            {
                if (Nameprep.Error(label) is string reason)
                {
                    throw IdnaError(reason);
                }

                encoded = label.Length == 0 ? "" : Nameprep.ToAscii(label);
            }

            if (encoded.Length is 0 or >= 64)
            {
                throw IdnaError("label empty or too long");
            }

            sb.Append(encoded);
        }

        if (trailingDot)
        {
            sb.Append('.');
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private static UnicodeError IdnaError(string reason) =>
        Errors.Unicode($"encoding with 'idna' codec failed (UnicodeError: {reason})");
}
