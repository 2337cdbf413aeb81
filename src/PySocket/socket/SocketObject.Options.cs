using System;
using System.Runtime.CompilerServices;

namespace PySocket;

public partial class SocketObject
{
    /// <summary>getsockopt(level, optname): the option's value as an int (any level and option the OS knows).</summary>
    public int getsockopt(int level, int optname) => GetIntOption(CheckOpen(), level, optname);

    /// <summary>
    /// getsockopt(level, optname, 0): buflen 0 is Python's int form, so <c>s.getsockopt(level, optname, 0)</c>
    /// compiles to this overload (the constant 0 converts to <see cref="SockOptBufLen"/>) and returns the int,
    /// as <see cref="getsockopt(int, int)"/> does.
    /// </summary>
    [OverloadResolutionPriority(1)]
    public int getsockopt(int level, int optname, SockOptBufLen buflen) =>
        buflen == SockOptBufLen.IntForm
            ? GetIntOption(CheckOpen(), level, optname)
            : throw Errors.Value("getsockopt(): SockOptBufLen has one value, IntForm (0); pass other lengths as an int");

    /// <summary>
    /// getsockopt(level, optname, buflen): the option's raw bytes, at most <paramref name="buflen"/> (1-1024;
    /// otherwise OSError("getsockopt buflen out of range")). A constant 0 compiles to the int form
    /// (<see cref="getsockopt(int, int, SockOptBufLen)"/>), as in Python; a buflen of 0 known only at run time
    /// cannot change this method's type, so it raises ValueError naming the int form instead of returning bytes.
    /// </summary>
    public unsafe byte[] getsockopt(int level, int optname, int buflen)
    {
        if (buflen == 0)
        {
            throw Errors.Value("getsockopt(level, optname, 0) returns an int in Python: call getsockopt(level, optname) (or pass the constant 0)");
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
    /// <paramref name="optlen"/> (used by options such as ALG_SET_AEAD_AUTHSIZE). <paramref name="none"/> is
    /// Python's None: <see cref="NoneType"/> has no instances, so only <c>null</c> compiles there.
    /// </summary>
    public unsafe void setsockopt(int level, int optname, NoneType? none, int optlen)
    {
        Check(Pal.SetSockOpt(CheckOpen(), level, optname, null, optlen));
    }
}
