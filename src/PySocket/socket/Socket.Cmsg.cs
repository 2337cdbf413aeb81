namespace PySocket;

public static partial class Socket
{
    // Linux x86-64: struct cmsghdr is 16 bytes and CMSG_ALIGN rounds up to sizeof(size_t) = 8.
    private const int CmsgHeaderLength = 16;
    private const int CmsgAlignment = 8;

    /// <summary>
    /// CMSG_LEN(length): the total length, without trailing padding, of an ancillary data item whose data is
    /// <paramref name="length"/> bytes long (<c>cmsg_len</c>). A negative length, or one whose result would
    /// not fit a socklen_t the kernel accepts, raises OverflowError("CMSG_LEN() argument out of range").
    /// </summary>
    public static int CMSG_LEN(long length)
    {
        if (length < 0 || length > int.MaxValue - CmsgHeaderLength)
        {
            throw Errors.Overflow("CMSG_LEN() argument out of range");
        }

        return CmsgHeaderLength + (int)length;
    }

    /// <summary>
    /// CMSG_SPACE(length): the buffer size recvmsg() needs for an ancillary data item of
    /// <paramref name="length"/> data bytes, padding included. Out-of-range lengths raise
    /// OverflowError("CMSG_SPACE() argument out of range").
    /// </summary>
    public static int CMSG_SPACE(long length)
    {
        // CPython measures against CMSG_SPACE(1) to allow for padding before and after the data.
        if (length < 0 || length > int.MaxValue - (CmsgHeaderLength + CmsgAlignment))
        {
            throw Errors.Overflow("CMSG_SPACE() argument out of range");
        }

        return CmsgHeaderLength + (int)((length + CmsgAlignment - 1) & ~(long)(CmsgAlignment - 1));
    }
}
