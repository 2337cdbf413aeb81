using System;
using System.Buffers.Binary;

namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// htons(x): converts a 16-bit positive integer from host to network byte order. The argument is a
    /// <c>long</c> so that out-of-range values raise CPython's OverflowError messages
    /// (<c>htons: Python int too large to convert to C 16-bit unsigned integer</c>, ...).
    /// </summary>
    public static int htons(long x) => SwapShort(x, "htons");

    /// <summary>
    /// ntohs(x): converts a 16-bit positive integer from network to host byte order, with CPython's
    /// OverflowError messages for out-of-range values.
    /// </summary>
    public static int ntohs(long x) => SwapShort(x, "ntohs");

    /// <summary>
    /// htonl(x): converts a 32-bit positive integer from host to network byte order. A negative value raises
    /// OverflowError("can't convert negative value to unsigned int"), one above 2**32-1
    /// OverflowError("int larger than 32 bits").
    /// </summary>
    public static long htonl(long x) => SwapLong(x);

    /// <summary>
    /// ntohl(x): converts a 32-bit positive integer from network to host byte order, with htonl's errors.
    /// </summary>
    public static long ntohl(long x) => SwapLong(x);

    // CPython parses the argument as a C int ("i"), then checks the 16-bit range (Python 3.10+).
    private static int SwapShort(long x, string function)
    {
        if (x > int.MaxValue)
        {
            throw Errors.Overflow("signed integer is greater than maximum");
        }

        if (x < int.MinValue)
        {
            throw Errors.Overflow("signed integer is less than minimum");
        }

        if (x < 0)
        {
            throw Errors.Overflow($"{function}: can't convert negative Python int to C 16-bit unsigned integer");
        }

        if (x > ushort.MaxValue)
        {
            throw Errors.Overflow($"{function}: Python int too large to convert to C 16-bit unsigned integer");
        }

        var value = (ushort)x;
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    // CPython reads an unsigned long, then rejects anything wider than 32 bits.
    private static long SwapLong(long x)
    {
        if (x < 0)
        {
            throw Errors.Overflow("can't convert negative value to unsigned int");
        }

        if (x > uint.MaxValue)
        {
            throw Errors.Overflow("int larger than 32 bits");
        }

        var value = (uint)x;
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }
}
