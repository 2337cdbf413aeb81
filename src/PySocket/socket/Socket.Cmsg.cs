namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// CMSG_LEN(length): the total length, without trailing padding, of an ancillary data item whose data is
    /// <paramref name="length"/> bytes long (<c>cmsg_len</c>). A negative length, or one whose result would
    /// not fit a socklen_t the kernel accepts, raises OverflowError("CMSG_LEN() argument out of range").
    /// </summary>
    public static int CMSG_LEN(long length)
    {
        var result = Cmsg.Len(length);
        return result < 0 ? throw Errors.Overflow("CMSG_LEN() argument out of range") : (int)result;
    }

    /// <summary>
    /// CMSG_SPACE(length): the buffer size recvmsg() needs for an ancillary data item of
    /// <paramref name="length"/> data bytes, padding included. Out-of-range lengths raise
    /// OverflowError("CMSG_SPACE() argument out of range").
    /// </summary>
    public static int CMSG_SPACE(long length)
    {
        var result = Cmsg.Space(length);
        return result < 0 ? throw Errors.Overflow("CMSG_SPACE() argument out of range") : (int)result;
    }
}
