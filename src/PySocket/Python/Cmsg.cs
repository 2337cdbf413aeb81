using System;
using System.Collections.Generic;

namespace PySocket;

/// <summary>
/// The one control-message (CMSG) layout code, as the CMSG_* macros define it for the running OS
/// (<see cref="PlatformLayout"/>): on Linux 64-bit <c>struct cmsghdr { size_t cmsg_len; int cmsg_level;
/// int cmsg_type; }</c> (16 bytes), data aligned to sizeof(size_t); macOS: a 4-byte cmsg_len, 12 bytes, align 4.
/// Building and parsing follow CPython's sendmsg()/recvmsg() code in socketmodule.c; socket.CMSG_LEN and
/// CMSG_SPACE use <see cref="Len"/> and <see cref="Space"/>.
/// </summary>
internal static class Cmsg
{
    private static readonly PlatformLayout Layout = SocketPal.Current.Layout;

    /// <summary>sizeof(struct cmsghdr) = CMSG_LEN(0).</summary>
    public static int HeaderSize => Layout.CmsgHeaderSize;

    private static int AlignTo => Layout.CmsgAlign;

    /// <summary>CMSG_ALIGN(n).</summary>
    public static long Align(long length) => (length + AlignTo - 1) & ~(long)(AlignTo - 1);

    /// <summary>CPython's SOCKLEN_T_LIMIT on Linux (INT_MAX): the largest control length it accepts.</summary>
    public const long SockLenLimit = int.MaxValue;

    /// <summary>CMSG_LEN(length), or -1 when out of range (CPython's get_CMSG_LEN: the result must not pass SOCKLEN_T_LIMIT).</summary>
    public static long Len(long length) =>
        length < 0 || length > SockLenLimit - HeaderSize ? -1 : HeaderSize + length;

    /// <summary>CMSG_SPACE(length), or -1 when out of range (CPython's get_CMSG_SPACE bound: length &lt;= limit - CMSG_SPACE(1)).</summary>
    public static long Space(long length)
    {
        if (length < 0 || length > SockLenLimit - (HeaderSize + AlignTo))
        {
            return -1;
        }

        var result = HeaderSize + Align(length);
        return result > SockLenLimit ? -1 : result;
    }

    /// <summary>
    /// The control buffer for sendmsg(): each item gets CMSG_SPACE(len(data)) bytes, its header and data
    /// as CMSG_FIRSTHDR/CMSG_NXTHDR place them; the padding is zeroed (CPython memsets the buffer).
    /// </summary>
    public static byte[] Build(IReadOnlyList<(int level, int type, byte[] data)> items)
    {
        long total = 0;
        foreach (var item in items)
        {
            var space = Space(item.data.Length);
            if (space < 0)
            {
                throw Errors.Message("ancillary data item too large");
            }

            total += space;
            if (total > int.MaxValue)
            {
                throw Errors.Message("too much ancillary data");
            }
        }

        var buffer = new byte[total];
        var offset = 0;
        foreach (var (level, type, data) in items)
        {
            var span = buffer.AsSpan(offset);
            WriteLength(span, HeaderSize + data.Length);
            BitConverter.TryWriteBytes(span[Layout.CmsgLengthSize..], level);
            BitConverter.TryWriteBytes(span[(Layout.CmsgLengthSize + 4)..], type);
            data.CopyTo(span[HeaderSize..]);
            offset += (int)Space(data.Length);
        }

        return buffer;
    }

    /// <summary>
    /// The (level, type, data) items of a received control buffer of <paramref name="controlLength"/> valid bytes,
    /// walked with glibc's CMSG_FIRSTHDR/CMSG_NXTHDR. As in CPython, a truncated item yields the data bytes that
    /// fit and ends the list; a malformed header (cmsg_len below CMSG_LEN(0)) ends it without an item.
    /// (CPython also issues a RuntimeWarning in those two cases; .NET has no warnings, so none is issued.)
    /// </summary>
    public static List<(int level, int type, byte[] data)> Parse(ReadOnlySpan<byte> control, int controlLength)
    {
        var result = new List<(int level, int type, byte[] data)>();
        if (controlLength < HeaderSize)
        {
            return result; // CMSG_FIRSTHDR returns NULL
        }

        long offset = 0;
        while (true)
        {
            var header = control[(int)offset..];
            var cmsgLen = ReadLength(header);
            var level = BitConverter.ToInt32(header[Layout.CmsgLengthSize..]);
            var type = BitConverter.ToInt32(header[(Layout.CmsgLengthSize + 4)..]);

            // get_cmsg_data_len(): the header must fit and cmsg_len must cover it.
            if (offset + HeaderSize > controlLength || cmsgLen < HeaderSize)
            {
                break;
            }

            var dataLength = cmsgLen - HeaderSize;
            var space = controlLength - (offset + HeaderSize);
            var truncated = space < dataLength;
            var take = (int)Math.Min(space, dataLength);
            result.Add((level, type, header.Slice(HeaderSize, take).ToArray()));
            if (truncated)
            {
                break;
            }

            // CMSG_NXTHDR: the next header must fit, and so must its announced (aligned) length.
            var next = offset + Align(cmsgLen);
            if (next + HeaderSize > controlLength)
            {
                break;
            }

            var nextLen = ReadLength(control[(int)next..]);
            if (nextLen < 0 || next + Align(nextLen) > controlLength)
            {
                break;
            }

            offset = next;
        }

        return result;
    }

    // cmsg_len: size_t on Linux and Windows, socklen_t (4 bytes) on macOS. A size_t beyond long's range reads as negative.
    private static long ReadLength(ReadOnlySpan<byte> header) =>
        Layout.CmsgLengthSize == 8 ? (long)BitConverter.ToUInt64(header) : BitConverter.ToUInt32(header);

    private static void WriteLength(Span<byte> header, long length)
    {
        if (Layout.CmsgLengthSize == 8)
        {
            BitConverter.TryWriteBytes(header, (ulong)length);
        }
        else
        {
            BitConverter.TryWriteBytes(header, (uint)length);
        }
    }
}
