using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
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
    /// <paramref name="port"/> is a service name or a number as text (<c>"http"</c>, <c>"80"</c>), or null
    /// (Python's None: NULL). For an integer port use the <see cref="getaddrinfo(string?, long, int, int, int, int)"/>
    /// overload; a port of another type does not compile (Python raises <c>OSError("Int or String expected")</c>).
    /// Resolver failures raise <see cref="gaierror"/> with glibc's EAI_* code and text.
    /// </summary>
    public static IReadOnlyList<(AddressFamily family, SocketKind type, int proto, string canonname, SockAddr sockaddr)> getaddrinfo(
        string? host, string? port, int family = 0, int type = 0, int proto = 0, int flags = 0) =>
        Resolve(host, port is null ? null : CStrings.CutAtNul(PyText.StrictUtf8Bytes(port)), family, type, proto, flags);

    /// <summary>
    /// getaddrinfo(host, port, family=0, type=0, proto=0, flags=0): as <see cref="getaddrinfo(string?, string?, int, int, int, int)"/>
    /// with an integer port, formatted in decimal as CPython does and left to the resolver (glibc wraps 70000
    /// to 4464 and refuses -1 with EAI_SERVICE, as in Python).
    /// </summary>
    public static IReadOnlyList<(AddressFamily family, SocketKind type, int proto, string canonname, SockAddr sockaddr)> getaddrinfo(
        string? host, long port, int family = 0, int type = 0, int proto = 0, int flags = 0) =>
        Resolve(host, CStrings.Ascii(port.ToString(CultureInfo.InvariantCulture)), family, type, proto, flags);

    private static ReadOnlyCollection<(AddressFamily family, SocketKind type, int proto, string canonname, SockAddr sockaddr)> Resolve(
        string? host, byte[]? portBytes, int family, int type, int proto, int flags)
    {
        var hostBytes = host is null ? null : CStrings.CutAtNul(IdnaEncode(host));
        var entries = GetAddrInfo.Resolve(hostBytes, portBytes, family, type, proto, flags);
        var result = new (AddressFamily, SocketKind, int, string, SockAddr)[entries.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var e = entries[i];
            result[i] = (new AddressFamily(e.Family), new SocketKind(e.SockType), e.Protocol,
                CStrings.DecodeStrict(e.CanonName), GetAddrInfo.ToSockAddr(e.Address));
        }

        return Array.AsReadOnly(result);
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
