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
/// The binary members inherited from <see cref="SocketFile"/> (and the Stream methods) read the same text
/// encoded with <see cref="encoding"/>, and write bytes to the buffer unchanged.
/// </summary>
public sealed class TextIOWrapper : SocketFile, IEnumerable<string>
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
    public new string read(int size = -1)
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
    public new string readline(int size = -1)
    {
        CheckReadable();
        WriteFlush();
        var line = TakeDecoded(int.MaxValue);
        var start = 0;
        int endpos;
        while (true)
        {
            if (FindLineEnd(line, start, out endpos, out start))
            {
                break;
            }

            if (size >= 0 && CodePoints(line, 0, line.Length) >= size)
            {
                endpos = IndexAfter(line, size);
                break;
            }

            var more = false;
            while (ReadChunk())
            {
                if (_decodedPos < _decoded.Length)
                {
                    more = true;
                    break;
                }
            }

            if (more || _decodedPos < _decoded.Length)
            {
                line += TakeDecoded(int.MaxValue);
            }
            else
            {
                return line;
            }
        }

        if (size >= 0 && endpos > IndexAfter(line, size))
        {
            endpos = IndexAfter(line, size);
        }

        _decoded = line;
        _decodedPos = endpos;
        return line[..endpos];
    }

    /// <summary>readlines(hint=-1): the remaining lines; with hint &gt; 0, stops after the line that takes the total past hint characters.</summary>
    public new List<string> readlines(int hint = -1)
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
    public new IEnumerator<string> GetEnumerator()
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

    IEnumerator<string> IEnumerable<string>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>repr(f): <c>&lt;_io.TextIOWrapper name=3 mode='r' encoding='UTF-8'&gt;</c>.</summary>
    public override string ToString() => $"<_io.TextIOWrapper name={name} mode='{_mode}' encoding='{encoding}'>";

    internal override byte[]? ReadBytes(int size)
    {
        if (size < 0)
        {
            return [.. TakeBinary(int.MaxValue), .. _codec.Encode(read())];
        }

        while (_binary.Length - _binaryPos < size && FillBinary())
        {
        }

        return TakeBinary(size);
    }

    internal override byte[] Read1Bytes(int size)
    {
        if (_binary.Length - _binaryPos == 0)
        {
            FillBinary();
        }

        return TakeBinary(size < 0 ? int.MaxValue : size);
    }

    internal override byte[] ReadLineBytes(int size)
    {
        CheckReadable();
        var pending = _binary.AsSpan(_binaryPos);
        if (size >= 0 && pending.Length > size)
        {
            pending = pending[..size];
        }

        var nl = pending.IndexOf((byte)'\n');
        if (nl >= 0 || (size >= 0 && pending.Length == size))
        {
            return TakeBinary(nl >= 0 ? nl + 1 : size);
        }

        var prefix = TakeBinary(int.MaxValue);
        var line = _codec.Encode(readline(size < 0 ? -1 : size - prefix.Length));
        byte[] result = [.. prefix, .. line];
        if (size >= 0 && result.Length > size)
        {
            _binary = result[size..];
            _binaryPos = 0;
            return result[..size];
        }

        return result;
    }

    internal override int? ReadInto(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var chunk = Read1Bytes(buffer.Length - total);
            if (chunk.Length == 0)
            {
                break;
            }

            chunk.CopyTo(buffer[total..]);
            total += chunk.Length;
        }

        return total;
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
        _decoded = _decoded[_decodedPos..] + text;
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

    private bool FindLineEnd(string line, int start, out int endpos, out int nextStart)
    {
        endpos = 0;
        nextStart = start;
        if (_readTranslate)
        {
            var pos = line.IndexOf('\n', start);
            if (pos >= 0)
            {
                endpos = pos + 1;
                return true;
            }

            nextStart = line.Length;
            return false;
        }

        if (_readUniversal)
        {
            var nlpos = line.IndexOf('\n', start);
            var crpos = line.IndexOf('\r', start);
            if (crpos == -1)
            {
                if (nlpos == -1)
                {
                    nextStart = line.Length;
                    return false;
                }

                endpos = nlpos + 1;
                return true;
            }

            if (nlpos == -1)
            {
                endpos = crpos + 1;
                return true;
            }

            endpos = nlpos < crpos ? nlpos + 1 : nlpos == crpos + 1 ? crpos + 2 : crpos + 1;
            return true;
        }

        var at = line.IndexOf(_readNewline!, StringComparison.Ordinal);
        if (at >= 0)
        {
            endpos = at + _readNewline!.Length;
            return true;
        }

        return false;
    }

    /// <summary>How many code points <paramref name="s"/>[start..end] holds (a surrogate pair counts once).</summary>
    private static int CodePoints(string s, int start, int end)
    {
        var n = 0;
        for (var i = start; i < end; i++)
        {
            if (!(char.IsLowSurrogate(s[i]) && i > start && char.IsHighSurrogate(s[i - 1])))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The UTF-16 index just after the first <paramref name="count"/> code points of <paramref name="s"/>.</summary>
    private static int IndexAfter(string s, int count, int start = 0)
    {
        var i = start;
        while (count > 0 && i < s.Length)
        {
            i += char.IsSurrogatePair(s, i) ? 2 : 1;
            count--;
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
