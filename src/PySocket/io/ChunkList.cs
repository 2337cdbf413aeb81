using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// Native memory chunks that a read to EOF fills straight from the kernel: each new chunk is as large as
/// everything read so far (64 KiB to 64 MiB), so a body of n bytes takes O(log n) chunks and each recv asks for
/// the whole free space. <see cref="ToArray"/> copies the data once into the result; <see cref="Free"/> releases
/// the chunks (only the pages that received data were ever touched).
/// </summary>
internal struct ChunkList
{
    private const int MinChunk = 64 << 10;
    private const int MaxChunk = 64 << 20;

    private List<(nint Pointer, int Capacity, int Length)>? _chunks;

    /// <summary>The bytes committed so far.</summary>
    public long Total { get; private set; }

    /// <summary>The free space of the last chunk, a new chunk when it is full; <paramref name="extra"/> counts toward the next size.</summary>
    public unsafe Span<byte> FreeSpace(int extra)
    {
        _chunks ??= new List<(nint, int, int)>(8);
        if (_chunks.Count == 0 || _chunks[^1].Length == _chunks[^1].Capacity)
        {
            var capacity = (int)Math.Clamp(Total + extra, MinChunk, MaxChunk);
            _chunks.Add(((nint)NativeMemory.Alloc((nuint)capacity), capacity, 0));
        }

        var (pointer, cap, length) = _chunks[^1];
        return new Span<byte>((byte*)pointer + length, cap - length);
    }

    /// <summary>Marks <paramref name="count"/> bytes of the last free space as filled.</summary>
    public void Commit(int count)
    {
        var last = _chunks![^1];
        _chunks[^1] = (last.Pointer, last.Capacity, last.Length + count);
        Total += count;
    }

    /// <summary>One array holding <paramref name="prefix"/> then every chunk's data: the one copy past the kernel's.</summary>
    public readonly unsafe byte[] ToArray(ReadOnlySpan<byte> prefix)
    {
        var total = prefix.Length + Total;
        if (total > Array.MaxLength)
        {
            throw new OutOfMemoryException($"the data read ({total} bytes) is larger than a byte[] can hold"); // Python: MemoryError
        }

        var result = GC.AllocateUninitializedArray<byte>((int)total);
        prefix.CopyTo(result);
        var at = prefix.Length;
        if (_chunks is not null)
        {
            foreach (var (pointer, _, length) in _chunks)
            {
                new ReadOnlySpan<byte>((byte*)pointer, length).CopyTo(result.AsSpan(at));
                at += length;
            }
        }

        return result;
    }

    /// <summary>Releases the chunks.</summary>
    public readonly unsafe void Free()
    {
        if (_chunks is null)
        {
            return;
        }

        foreach (var (pointer, _, _) in _chunks)
        {
            NativeMemory.Free((void*)pointer);
        }

        _chunks.Clear();
    }
}
