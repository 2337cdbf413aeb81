using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace PySocket;

/// <content>getaddrinfo() and getnameinfo(): glibc's resolver, called as CPython calls it.</content>
public static unsafe partial class Socket
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
        var hostBytes = host is null ? null : CutAtNul(IdnaEncode(host));
        var portBytes = PortArgument(port);
        var rc = GetAddrInfo.Call(hostBytes, portBytes, family, type, proto, flags, out var entries, out var systemErrno);
        if (rc != 0)
        {
            throw Errors.Gai(rc, systemErrno);
        }

        var result = new List<(AddressFamily, SocketKind, int, string, SockAddr)>(entries.Count);
        foreach (var e in entries)
        {
            var sockaddr = NativeSockAddr.Decode(e.SockAddr, e.SockAddr.Length) ?? SockAddr.Unix("");
            result.Add((new AddressFamily(e.Family), new SocketKind(e.SockType), e.Protocol, e.CanonName, sockaddr));
        }

        return result;
    }

    /// <summary>
    /// getnameinfo(sockaddr, flags): glibc's getnameinfo for a numeric <c>(host, port)</c> or
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

        var host = StrictUtf8(sockaddr.host);
        var flowinfo = (uint)sockaddr.flowinfo;
        var scopeId = (uint)sockaddr.scope_id;
        if (flowinfo > 0xfffff)
        {
            throw Errors.Overflow("getnameinfo(): flowinfo must be 0-1048575.");
        }

        var service = AsciiZ(sockaddr.port.ToString(CultureInfo.InvariantCulture));
        var rc = GetAddrInfo.Call(host, service, AF_UNSPEC, SOCK_DGRAM, 0, AI_NUMERICHOST, out var entries, out var systemErrno);
        if (rc != 0)
        {
            throw Errors.Gai(rc, systemErrno);
        }

        if (entries.Count > 1)
        {
            throw Errors.Message("sockaddr resolved to multiple addresses");
        }

        var sa = entries[0].SockAddr;
        switch (entries[0].Family)
        {
            case AF_INET:
                if (sockaddr.Arity != 2)
                {
                    throw Errors.Message("IPv4 sockaddr must be 2 tuple");
                }

                break;
            case var f when f == AF_INET6:
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(sa.AsSpan(4), flowinfo);
                BitConverter.TryWriteBytes(sa.AsSpan(24), scopeId);
                break;
        }

        var hbuf = new byte[NI_MAXHOST];
        var pbuf = new byte[NI_MAXSERV];
        fixed (byte* a = sa)
        fixed (byte* h = hbuf)
        fixed (byte* p = pbuf)
        {
            rc = Libc.GetNameInfo(a, (uint)sa.Length, h, (uint)hbuf.Length, p, (uint)pbuf.Length, flags);
            if (rc != 0)
            {
                throw Errors.Gai(rc, System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
            }

            return (DecodeStrict(h), DecodeStrict(p));
        }
    }

    /// <summary>getaddrinfo's port argument as CPython converts it: decimal text, UTF-8 text, bytes, or NULL.</summary>
    private static byte[]? PortArgument(object? port)
    {
        switch (port)
        {
            case null:
                return null;
            case int or long or short or sbyte or byte or ushort or uint:
                return AsciiZ(Convert.ToInt64(port, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            case ulong u:
                return u <= long.MaxValue
                    ? AsciiZ(u.ToString(CultureInfo.InvariantCulture))
                    : throw Errors.Overflow("Python int too large to convert to C long");
            case BigInteger big:
                return big >= long.MinValue && big <= long.MaxValue
                    ? AsciiZ(big.ToString(CultureInfo.InvariantCulture))
                    : throw Errors.Overflow("Python int too large to convert to C long");
            case string text:
                return CutAtNul(PyText.StrictUtf8Bytes(text));
            case byte[] bytes:
                return CutAtNul(bytes);
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

    /// <summary>A <c>s</c>-format argument: strict UTF-8, NUL-terminated; an embedded NUL raises ValueError.</summary>
    private static byte[] StrictUtf8(string text)
    {
        var bytes = PyText.StrictUtf8Bytes(text);
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw Errors.Value("embedded null character");
        }

        return Terminate(bytes);
    }

    /// <summary>A NUL-terminated copy of <paramref name="bytes"/> cut at its first NUL, as C reads it.</summary>
    private static byte[] CutAtNul(byte[] bytes)
    {
        var end = Array.IndexOf(bytes, (byte)0);
        return Terminate(end >= 0 ? bytes.AsSpan(0, end) : bytes);
    }

    private static byte[] Terminate(ReadOnlySpan<byte> bytes)
    {
        var z = new byte[bytes.Length + 1];
        bytes.CopyTo(z);
        return z;
    }

    private static byte[] AsciiZ(string text) => Terminate(Encoding.ASCII.GetBytes(text));

    /// <summary>A C string decoded as strict UTF-8 (Py_BuildValue's <c>s</c>).</summary>
    private static string DecodeStrict(byte* text) =>
        System.Runtime.InteropServices.Marshal.PtrToStringUTF8((IntPtr)text) ?? "";

    /// <summary>A C string decoded as PyUnicode_DecodeFSDefault does: UTF-8 with surrogateescape.</summary>
    private static string DecodeFs(byte* text)
    {
        if (text == null)
        {
            return "";
        }

        var bytes = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text);
        var sb = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                bytes = bytes[used..];
            }
            else
            {
                sb.Append((char)(0xdc00 + bytes[0]));
                bytes = bytes[1..];
            }
        }

        return sb.ToString();
    }
}
