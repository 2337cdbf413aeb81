using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace PySocket;

/// <summary>
/// io.TextIOWrapper over a buffered socket file: makefile("r"), ("w"), ("rw"). read(), readline(),
/// readlines() and iteration give strings decoded with <see cref="encoding"/> (UTF-8, the locale encoding of
/// this platform, when makefile() is given none), and write(string) encodes. Newlines as in Python: with
/// newline null, "\r\n" and "\r" are read as "\n" and "\n" is written as is (os.linesep); with "" lines end
/// at "\r", "\n" or "\r\n" and nothing is translated; with "\n", "\r" or "\r\n" only that ends a line when
/// reading, and "\n" is written as it. Written text is held (then in the buffer) until flush() or close().
/// Its one element type is <c>string</c>: <c>foreach</c> and LINQ see string lines. The Stream methods
/// inherited from <see cref="IOBase"/> read the same text encoded with <see cref="encoding"/>, and write bytes
/// to the buffer unchanged.
/// </summary>
public sealed class TextIOWrapper : IOBase, IEnumerable<string>
{
    private const int ChunkSize = 8192;

    private readonly SocketFile _buffer;
    private readonly TextCodec _codec;
    private readonly Decoder _decoder;
    private readonly string _mode;
    private readonly bool _readUniversal;
    private readonly bool _readTranslate;
    private readonly string? _readNewline;
    private readonly string? _writeNewline;
    private readonly MemoryStream _pendingWrite = new();
    private string _decoded = string.Empty;
    private int _decodedPos;
    private bool _pendingCr;
    private byte[] _binary = [];
    private int _binaryPos;

    internal TextIOWrapper(SocketFile buffer, string encoding, string? errors, string? newline, string mode)
    {
        if (newline is not (null or "" or "\n" or "\r" or "\r\n"))
        {
            throw Errors.Value($"illegal newline value: {newline}");
        }

        this.errors = errors ?? "strict";
        _codec = TextCodec.Lookup(encoding, this.errors);
        _decoder = _codec.Encoding.GetDecoder();
        _buffer = buffer;
        this.encoding = encoding;
        _mode = mode;
        _readUniversal = newline is null or "";
        _readTranslate = newline is null;
        _readNewline = newline;
        _writeNewline = newline is null or "" or "\n" ? null : newline;
    }

    /// <summary>encoding: the encoding name as given, or "UTF-8" when makefile() had none.</summary>
    public string encoding { get; }

    /// <summary>errors: the error handler: "strict" (default), "replace" or "ignore".</summary>
    public string errors { get; }

    /// <summary>buffer: the binary file underneath (BufferedReader, BufferedWriter or BufferedRWPair).</summary>
    public SocketFile buffer => _buffer;

    /// <summary>line_buffering: always false for makefile()'s text files.</summary>
    public bool line_buffering => false;

    /// <inheritdoc/>
    public override bool closed => _buffer.closed;

    /// <inheritdoc/>
    public override int name => _buffer.name;

    /// <summary>mode: the mode string given to makefile() ("r", "w", "rw", ...).</summary>
    public override string mode => _mode;

    /// <inheritdoc/>
    public override bool readable() => _buffer.readable();

    /// <inheritdoc/>
    public override bool writable() => _buffer.writable();

    /// <inheritdoc/>
    public override int fileno() => _buffer.fileno();

    /// <summary>seekable(): the buffer's answer (false; ValueError once closed, except over a BufferedRWPair).</summary>
    public override bool seekable() => _buffer.seekable();

    /// <summary>flush(): encodes and writes pending text and flushes the buffer; ValueError once closed.</summary>
    public override void flush()
    {
        CheckClosed();
        WriteFlush();
        _buffer.flush();
    }

    /// <summary>close(): flush(), then closes the buffer (and so releases the socket). A second close() does nothing.</summary>
    public override void close()
    {
        if (_buffer.closed)
        {
            return;
        }

        try
        {
            flush();
        }
        finally
        {
            _buffer.close();
        }
    }

    /// <summary>read(size=-1): up to <paramref name="size"/> characters (code points; blocking until that many or EOF), or everything up to EOF; "" at EOF.</summary>
    public string read(int size = -1)
    {
        CheckReadable();
        WriteFlush();
        if (size < 0)
        {
            var rest = _buffer.read() ?? [];
            var text = TakeDecoded(int.MaxValue) + Translate(_codec.Decode(_decoder, rest, final: true), final: true);
            return text;
        }

        // Python counts code points: an astral character (a surrogate pair here) is one character.
        var sb = new StringBuilder();
        var taken = 0;
        string part;
        do
        {
            part = TakeDecoded(size - taken);
            sb.Append(part);
            taken += CodePoints(part, 0, part.Length);
        }
        while (taken < size && (_decodedPos < _decoded.Length || ReadChunk() || _decodedPos < _decoded.Length));

        return sb.ToString();
    }

    /// <summary>readline(size=-1): the next line with its line ending (see the class notes), at most <paramref name="size"/> characters; "" at EOF.</summary>
    public string readline(int size = -1)
    {
        CheckReadable();
        WriteFlush();

        // The line is cut from the decoded text in place; only a line that spans chunks is gathered in a builder.
        StringBuilder? sb = null;
        var taken = 0; // code points in sb
        while (true)
        {
            var rest = _decoded.AsSpan(_decodedPos);

            // A fixed "\r\n" newline split between two chunks.
            if (sb is { Length: > 0 } && _readNewline == "\r\n" && sb[^1] == '\r' && rest.Length > 0 && rest[0] == '\n')
            {
                _decodedPos++;
                return sb.Append('\n').ToString();
            }

            var done = FindLineEnd(rest, out var take);
            if (!done)
            {
                take = rest.Length;
            }

            if (size >= 0)
            {
                var limit = IndexAfter(rest, size - taken, out var counted);
                if (take > limit || (!done && taken + counted >= size))
                {
                    take = limit;
                    done = true;
                }
            }

            var piece = rest[..take];
            _decodedPos += take;
            if (done)
            {
                return sb is null ? piece.ToString() : sb.Append(piece).ToString();
            }

            sb ??= new StringBuilder();
            sb.Append(piece);
            taken += CodePoints(piece);
            if (!ReadChunk() && _decodedPos >= _decoded.Length)
            {
                return sb.ToString();
            }
        }
    }

    /// <summary>readlines(hint=-1): the remaining lines; with hint &gt; 0, stops after the line that takes the total past hint characters.</summary>
    public List<string> readlines(int hint = -1)
    {
        var lines = new List<string>();
        long total = 0;
        while (true)
        {
            var line = readline();
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
    /// write(s): encodes <paramref name="s"/> (translating "\n" for newline "\r" or "\r\n") and holds it until
    /// flush(); returns the number of characters (code points, as Python counts them).
    /// UnicodeEncodeError with errors="strict" for a character the encoding lacks.
    /// </summary>
    public int write(string s)
    {
        if (s is null)
        {
            throw Errors.Type("write() argument must be str, not None");
        }

        CheckClosed();
        if (!_buffer.writable())
        {
            throw Errors.Unsupported("not writable");
        }

        var text = _writeNewline is null ? s : s.Replace("\n", _writeNewline, StringComparison.Ordinal);
        var bytes = _codec.Encode(text);
        _pendingWrite.Write(bytes);
        if (_pendingWrite.Length > ChunkSize)
        {
            WriteFlush();
        }

        return CodePoints(s, 0, s.Length);
    }

    /// <summary>iter(f): the lines, as readline() returns them, until EOF.</summary>
    public IEnumerator<string> GetEnumerator()
    {
        while (true)
        {
            var line = readline();
            if (line.Length == 0)
            {
                yield break;
            }

            yield return line;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>repr(f): <c>&lt;_io.TextIOWrapper name=3 mode='r' encoding='UTF-8'&gt;</c>.</summary>
    public override string ToString() => $"<_io.TextIOWrapper name={name} mode='{_mode}' encoding='{encoding}'>";

    private byte[] Read1Bytes(int size)
    {
        if (_binary.Length - _binaryPos == 0)
        {
            FillBinary();
        }

        return TakeBinary(size < 0 ? int.MaxValue : size);
    }

    internal override int? ReadInto1(Span<byte> buffer)
    {
        var chunk = Read1Bytes(buffer.Length);
        chunk.CopyTo(buffer);
        return chunk.Length;
    }

    internal override int WriteBytes(ReadOnlySpan<byte> data)
    {
        CheckClosed();
        if (!_buffer.writable())
        {
            throw Errors.Unsupported("not writable");
        }

        WriteFlush();
        return _buffer.write(data);
    }

    /// <summary>Dispose is close(); the pending-write stream is released too.</summary>
    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            if (disposing)
            {
                _pendingWrite.Dispose();
            }
        }
    }

    private void CheckReadable()
    {
        CheckClosed();
        if (!_buffer.readable())
        {
            throw Errors.Unsupported("not readable");
        }
    }

    /// <summary>Moves encoded pending text into the buffer (Python's _textiowrapper_writeflush).</summary>
    private void WriteFlush()
    {
        if (_pendingWrite.Length == 0)
        {
            return;
        }

        var bytes = _pendingWrite.ToArray();
        _pendingWrite.SetLength(0);
        _buffer.write(bytes);
    }

    /// <summary>Reads one chunk (buffer.read1) and decodes it; false at EOF (an empty read).</summary>
    private bool ReadChunk()
    {
        var input = _buffer.read1(ChunkSize);
        var eof = input.Length == 0;
        var text = Translate(_codec.Decode(_decoder, input, eof), eof);
        _decoded = _decodedPos >= _decoded.Length ? text : string.Concat(_decoded.AsSpan(_decodedPos), text);
        _decodedPos = 0;
        return !eof;
    }

    /// <summary>Python's IncrementalNewlineDecoder for the universal modes: holds a trailing "\r" back, translates for newline=None.</summary>
    private string Translate(string output, bool final)
    {
        if (!_readUniversal)
        {
            return output;
        }

        if (_pendingCr && (output.Length > 0 || final))
        {
            output = "\r" + output;
            _pendingCr = false;
        }

        if (output.EndsWith('\r') && !final)
        {
            output = output[..^1];
            _pendingCr = true;
        }

        if (_readTranslate)
        {
            output = output.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        return output;
    }

    /// <summary>Where the first line of <paramref name="text"/> ends (the index after its line ending), as the newline mode defines it.</summary>
    private bool FindLineEnd(ReadOnlySpan<char> text, out int endpos)
    {
        endpos = 0;
        if (_readTranslate)
        {
            var pos = text.IndexOf('\n');
            endpos = pos + 1;
            return pos >= 0;
        }

        if (_readUniversal)
        {
            // The decoder holds a trailing "\r" back until the next chunk, so "\r\n" is never split here.
            var pos = text.IndexOfAny('\r', '\n');
            if (pos < 0)
            {
                return false;
            }

            endpos = text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? pos + 2 : pos + 1;
            return true;
        }

        var at = text.IndexOf(_readNewline!.AsSpan(), StringComparison.Ordinal);
        endpos = at + _readNewline!.Length;
        return at >= 0;
    }

    /// <summary>How many code points <paramref name="s"/>[start..end] holds (a surrogate pair counts once).</summary>
    private static int CodePoints(string s, int start, int end) => CodePoints(s.AsSpan(start, end - start));

    /// <summary>How many code points <paramref name="s"/> holds (a surrogate pair counts once).</summary>
    private static int CodePoints(ReadOnlySpan<char> s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!(char.IsLowSurrogate(s[i]) && i > 0 && char.IsHighSurrogate(s[i - 1])))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The UTF-16 index just after the first <paramref name="count"/> code points of <paramref name="s"/>.</summary>
    private static int IndexAfter(string s, int count, int start = 0) => start + IndexAfter(s.AsSpan(start), count, out _);

    /// <summary>The index just after the first <paramref name="count"/> code points of <paramref name="s"/> (all of it if fewer); <paramref name="counted"/> how many were passed.</summary>
    private static int IndexAfter(ReadOnlySpan<char> s, int count, out int counted)
    {
        var i = 0;
        counted = 0;
        while (counted < count && i < s.Length)
        {
            i += i + 1 < s.Length && char.IsSurrogatePair(s[i], s[i + 1]) ? 2 : 1;
            counted++;
        }

        return i;
    }

    /// <summary>Takes up to <paramref name="count"/> code points of decoded text.</summary>
    private string TakeDecoded(int count)
    {
        var n = count == int.MaxValue ? _decoded.Length - _decodedPos : IndexAfter(_decoded, count, _decodedPos) - _decodedPos;
        var result = _decoded.Substring(_decodedPos, n);
        _decodedPos += n;
        return result;
    }

    /// <summary>Adds the encoded form of the next decoded text to the binary view; false at EOF.</summary>
    private bool FillBinary()
    {
        CheckReadable();
        WriteFlush();
        var text = TakeDecoded(int.MaxValue);
        while (text.Length == 0)
        {
            if (!ReadChunk())
            {
                text = TakeDecoded(int.MaxValue);
                break;
            }

            text = TakeDecoded(int.MaxValue);
        }

        if (text.Length == 0)
        {
            return false;
        }

        _binary = [.. _binary.AsSpan(_binaryPos), .. _codec.Encode(text)];
        _binaryPos = 0;
        return true;
    }

    private byte[] TakeBinary(int count)
    {
        var n = Math.Min(count, _binary.Length - _binaryPos);
        var result = _binary.AsSpan(_binaryPos, n).ToArray();
        _binaryPos += n;
        return result;
    }
}
