using System;

namespace PySocket;

public partial class SocketObject
{
    /// <summary>getsockopt(level, optname): the option's value as an int (any level and option the OS knows).</summary>
    public int getsockopt(int level, int optname) => GetIntOption(CheckOpen(), level, optname);

    /// <summary>
    /// getsockopt(level, optname, buflen): the option's raw bytes, at most <paramref name="buflen"/> (1-1024;
    /// otherwise OSError("getsockopt buflen out of range")). Python returns the int form for buflen 0; a byte[]
    /// method cannot, so buflen 0 returns that int's 4 bytes in native order (use <see cref="getsockopt(int, int)"/>).
    /// </summary>
    public unsafe byte[] getsockopt(int level, int optname, int buflen)
    {
        if (buflen == 0)
        {
            return BitConverter.GetBytes(GetIntOption(CheckOpen(), level, optname));
        }

        if (buflen is < 0 or > 1024)
        {
            throw Errors.Message("getsockopt buflen out of range");
        }

        var handle = CheckOpen();

        var buf = stackalloc byte[buflen];
        var len = buflen;
        Check(Pal.GetSockOpt(handle, level, optname, buf, ref len));
        return new ReadOnlySpan<byte>(buf, len).ToArray();
    }

    /// <summary>setsockopt(level, optname, value): sets an int option.</summary>
    public unsafe void setsockopt(int level, int optname, int value)
    {
        Check(Pal.SetSockOpt(CheckOpen(), level, optname, (byte*)&value, sizeof(int)));
    }

    /// <summary>setsockopt(level, optname, value): sets an int option from a bool (True is 1, False is 0).</summary>
    public void setsockopt(int level, int optname, bool value) => setsockopt(level, optname, value ? 1 : 0);

    /// <summary>setsockopt(level, optname, value): sets an option from raw bytes (a struct such as linger or ip_mreq).</summary>
    public void setsockopt(int level, int optname, byte[] value) =>
        setsockopt(level, optname, new ReadOnlySpan<byte>(value ?? throw Errors.Type(BytesLikeRequired)));

    /// <summary>setsockopt(level, optname, value): the span form of the bytes option.</summary>
    public unsafe void setsockopt(int level, int optname, ReadOnlySpan<byte> value)
    {
        var handle = CheckOpen();

        // A zero-length value is a non-null pointer with length 0, distinct from setsockopt(level, opt, None, 0).
        byte empty = 0;
        fixed (byte* p = value)
        {
            Check(Pal.SetSockOpt(handle, level, optname, value.IsEmpty ? &empty : p, value.Length));
        }
    }

    /// <summary>
    /// setsockopt(level, optname, None, optlen): calls setsockopt with a NULL value and
    /// <paramref name="optlen"/> (used by options such as ALG_SET_AEAD_AUTHSIZE). <paramref name="none"/> must be null.
    /// </summary>
    public unsafe void setsockopt(int level, int optname, object? none, int optlen)
    {
        if (none is not null)
        {
            throw Errors.Type("setsockopt() takes exactly 3 arguments (4 given)");
        }

        Check(Pal.SetSockOpt(CheckOpen(), level, optname, null, optlen));
    }
}
