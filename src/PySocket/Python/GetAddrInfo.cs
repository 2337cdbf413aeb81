using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace PySocket;

/// <summary>One getaddrinfo() result with its native sockaddr bytes.</summary>
internal readonly record struct AddrInfoEntry(int Family, int SockType, int Protocol, string CanonName, byte[] SockAddr);

/// <summary>
/// The raw resolver call shared by the module functions and the socket object's address encoding:
/// glibc's getaddrinfo, so flags, ordering and IP-literal handling are the system's own.
/// </summary>
internal static unsafe class GetAddrInfo
{
    /// <summary>Calls getaddrinfo; returns 0 and the entries, or the EAI_* code (and errno for EAI_SYSTEM).</summary>
    public static int Call(byte[]? host, byte[]? service, int family, int type, int proto, int flags,
        out List<AddrInfoEntry> entries, out int systemErrno)
    {
        entries = [];
        systemErrno = 0;
        var hints = new Libc.AddrInfo { Flags = flags, Family = family, SockType = type, Protocol = proto };
        Libc.AddrInfo* result = null;
        int rc;
        fixed (byte* h = host)
        fixed (byte* s = service)
        {
            rc = Libc.GetAddrInfo(host is null ? null : h, service is null ? null : s, &hints, &result);
        }

        if (rc != 0)
        {
            systemErrno = Marshal.GetLastPInvokeError();
            return rc;
        }

        try
        {
            for (var p = result; p != null; p = p->Next)
            {
                var canon = p->CanonName == null ? "" : Marshal.PtrToStringUTF8((IntPtr)p->CanonName) ?? "";
                var sa = new ReadOnlySpan<byte>(p->Addr, (int)p->AddrLen).ToArray();
                entries.Add(new AddrInfoEntry(p->Family, p->SockType, p->Protocol, canon, sa));
            }
        }
        finally
        {
            Libc.FreeAddrInfo(result);
        }

        return 0;
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/>, cut at an embedded NUL as C would read it.</summary>
    public static byte[] CString(string text)
    {
        var cut = text.IndexOf('\0', StringComparison.Ordinal);
        if (cut >= 0)
        {
            text = text[..cut];
        }

        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
