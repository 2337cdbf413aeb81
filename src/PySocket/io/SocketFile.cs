using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// A binary file over a socket: Python's raw and buffered io classes (<see cref="SocketIO"/>,
/// <see cref="BufferedReader"/>, <see cref="BufferedWriter"/>, <see cref="BufferedRWPair"/>) share these members,
/// with Python's names and results (<c>read</c>, <c>readline</c>, <c>readinto</c>, <c>write</c>, ...) over
/// <c>byte[]</c>; <c>foreach</c> yields the lines as <c>byte[]</c>. The common file members are
/// <see cref="IOBase"/>'s; the text file is <see cref="TextIOWrapper"/>, which is not a SocketFile.
/// </summary>
public abstract partial class SocketFile : IOBase, IEnumerable<byte[]>
{
    private protected SocketFile()
    {
    }

    /// <summary>
    /// read(size=-1): up to <paramref name="size"/> bytes, or everything up to EOF for -1; b"" (empty) at EOF.
    /// A buffered file blocks until it has <paramref name="size"/> bytes or meets EOF; the raw SocketIO does one recv.
    /// Null is Python's None: only in non-blocking mode when no data is available.
    /// </summary>
    public byte[]? read(int size = -1) => ReadBytes(size);

    /// <summary>read1(size=-1): at most one read from the socket (none if bytes are buffered); empty at EOF or when a non-blocking read would block.</summary>
    public byte[] read1(int size = -1) => Read1Bytes(size);

    /// <summary>readline(size=-1): the next line including its b"\n", at most <paramref name="size"/> bytes when size &gt;= 0; empty at EOF.</summary>
    public byte[] readline(int size = -1) => ReadLineBytes(size);

    /// <summary>readlines(hint=-1): the remaining lines; with hint &gt; 0, stops after the line that takes the total past hint bytes.</summary>
    public List<byte[]> readlines(int hint = -1)
    {
        var lines = new List<byte[]>();
        long total = 0;
        while (true)
        {
            var line = ReadLineBytes(-1);
            if (line.Length == 0)
            {
                return lines;
            }

            lines.Add(line);

            // CPython's IOBase.readlines: stop once a line takes the total past the hint.
            if (hint > 0 && line.Length > hint - total)
            {
                return lines;
            }

            total += line.Length;
        }
    }

    /// <summary>
    /// readinto(b): reads into <paramref name="buffer"/> and returns the count, 0 at EOF. A buffered file fills
    /// the buffer unless EOF comes first; the raw SocketIO does one recv. Null is Python's None (non-blocking, no data).
    /// </summary>
    public int? readinto(Span<byte> buffer) => ReadInto(buffer);

    /// <summary>readinto(b): the <c>byte[]</c> form of <see cref="readinto(Span{byte})"/>.</summary>
    public int? readinto(byte[] buffer) => ReadInto(buffer ?? throw Errors.Type(this is SocketIO
        ? "recv_into() argument 1 must be read-write bytes-like object, not None"
        : "readinto() argument must be read-write bytes-like object, not None"));

    /// <summary>
    /// write(b): writes <paramref name="data"/> and returns the count. A BufferedWriter takes all of it (held until
    /// flush() or a full buffer); the raw SocketIO does one send, which may be partial, and returns 0 where
    /// Python returns None (non-blocking and nothing could be sent).
    /// </summary>
    public int write(ReadOnlySpan<byte> data) => WriteBytes(data);

    /// <summary>write(b): the <c>byte[]</c> form of <see cref="write(ReadOnlySpan{byte})"/>.</summary>
    public int write(byte[] data) => WriteBytes(data ?? throw Errors.Type("a bytes-like object is required, not 'NoneType'"));

    /// <summary>iter(f): the lines, as readline() returns them, until EOF.</summary>
    public IEnumerator<byte[]> GetEnumerator()
    {
        while (true)
        {
            var line = ReadLineBytes(-1);
            if (line.Length == 0)
            {
                yield break;
            }

            yield return line;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A reader that fills a span: the count, or null where Python returns None.</summary>
    private protected delegate int? SpanReader(Span<byte> buffer);

    /// <summary>Sizes up to this are read straight into a result array allocated up front (uninitialised), as CPython does.</summary>
    private protected const int DirectReadLimit = 16 << 20;

    /// <summary>
    /// read(size) with one copy at most past the kernel's: up to <see cref="DirectReadLimit"/> the reader fills an
    /// uninitialised result array directly (trimmed with one copy only when EOF comes first); above it, a size-byte
    /// scratch buffer in native memory, as CPython allocates size bytes lazily: any size up to INT_MAX works (no
    /// byte[] can be that large) and only the pages that receive data are touched. Null for Python's None.
    /// </summary>
    private protected static unsafe byte[]? ReadSized(int size, SpanReader read)
    {
        if (size <= DirectReadLimit)
        {
            var result = GC.AllocateUninitializedArray<byte>(size);
            var got = read(result);
            return got is int count ? (count == size ? result : result.AsSpan(0, count).ToArray()) : null;
        }

        var p = (byte*)NativeMemory.Alloc((nuint)size);
        try
        {
            var n = read(new Span<byte>(p, size));
            return n is int count ? new ReadOnlySpan<byte>(p, count).ToArray() : null;
        }
        finally
        {
            NativeMemory.Free(p);
        }
    }

    internal abstract byte[]? ReadBytes(int size);

    internal abstract byte[] Read1Bytes(int size);

    internal abstract byte[] ReadLineBytes(int size);

    internal abstract int? ReadInto(Span<byte> buffer);
}
