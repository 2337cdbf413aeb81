using System;
using System.Buffers;
using System.Collections.Generic;

namespace PySocket;

/// <summary>
/// Chunks that a read to EOF fills straight from the kernel: each new chunk is as large as everything read so far
/// (64 KiB to 64 MiB), so a body of n bytes takes O(log n) chunks and each recv asks for the whole free space.
/// The chunks are rented from <see cref="ArrayPool{T}.Shared"/>, so repeated reads reuse memory whose pages are
/// already mapped (fresh pages cost the kernel a fault and a zeroing each); <see cref="ToArray"/> copies the data
/// once into the result and <see cref="Free"/> returns the chunks.
/// </summary>
internal struct ChunkList
{
    private const int MinChunk = 64 << 10;
    private const int MaxChunk = 64 << 20;

    private List<(byte[] Array, int Length)>? _chunks;

    /// <summary>The bytes committed so far.</summary>
    public long Total { get; private set; }

    /// <summary>The free space of the last chunk, a new chunk when it is full; <paramref name="extra"/> counts toward the next size.</summary>
    public Span<byte> FreeSpace(int extra)
    {
        _chunks ??= new List<(byte[], int)>(8);
        if (_chunks.Count == 0 || _chunks[^1].Length == _chunks[^1].Array.Length)
        {
            var capacity = (int)Math.Clamp(Total + extra, MinChunk, MaxChunk);
            _chunks.Add((ArrayPool<byte>.Shared.Rent(capacity), 0));
        }

        var (array, length) = _chunks[^1];
        return array.AsSpan(length);
    }

    /// <summary>Marks <paramref name="count"/> bytes of the last free space as filled.</summary>
    public void Commit(int count)
    {
        var last = _chunks![^1];
        _chunks[^1] = (last.Array, last.Length + count);
        Total += count;
    }

    /// <summary>One array holding <paramref name="prefix"/> then every chunk's data: the one copy past the kernel's.</summary>
    public readonly byte[] ToArray(ReadOnlySpan<byte> prefix)
    {
        var total = prefix.Length + Total;
        if (total > Array.MaxLength)
        {
            throw new InsufficientMemoryException($"the data read ({total} bytes) is larger than a byte[] can hold"); // Python: MemoryError
        }

        var result = GC.AllocateUninitializedArray<byte>((int)total);
        prefix.CopyTo(result);
        var at = prefix.Length;
        if (_chunks is not null)
        {
            foreach (var (array, length) in _chunks)
            {
                array.AsSpan(0, length).CopyTo(result.AsSpan(at));
                at += length;
            }
        }

        return result;
    }

    /// <summary>Releases the chunks.</summary>
    public readonly void Free()
    {
        if (_chunks is null)
        {
            return;
        }

        foreach (var (array, _) in _chunks)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _chunks.Clear();
    }
}
