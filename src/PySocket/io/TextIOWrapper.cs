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
    // Python's _CHUNK_SIZE: each decode takes at most this many bytes from the buffer (which may have read more
    // from the socket), so a decode error is raised where CPython raises it, after the good lines before it.
    private const int ChunkSize = 8192;

    // Decoded chars at or above this are released once consumed (after a read() to EOF or a very long line).
    private const int KeepChars = 1 << 20;

    private readonly SocketFile _buffer;
    private readonly TextCodec _codec;
    private readonly Decoder _decoder;
    private readonly string _mode;
    private readonly bool _readUniversal;
    private readonly bool _readTranslate;
    private readonly string? _readNewline;
    private readonly string? _writeNewline;
    private readonly MemoryStream _pendingWrite = new();
    private char[] _chars = [];
    private int _charPos;
    private int _charLen;
    private byte[]? _rawChunk;
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
            DecodeAppend(_buffer.read() ?? [], final: true);
            return TakeChars(_charLen - _charPos);
        }

        // Python counts code points: an astral character (a surrogate pair here) is one character.
        var eof = false;
        while (true)
        {
            var rest = _chars.AsSpan(_charPos, _charLen - _charPos);
            var limit = IndexAfter(rest, size, out var counted);
            if (counted >= size || eof)
            {
                return TakeChars(limit);
            }

            eof = !ReadChunkOrDrop();
        }
    }

    /// <summary>readline(size=-1): the next line with its line ending (see the class notes), at most <paramref name="size"/> characters; "" at EOF.</summary>
    public string readline(int size = -1)
    {
        CheckReadable();
        WriteFlush();

        // The line is found in the decoded chars and cut once; a line longer than a chunk stays in the char buffer
        // while more is decoded after it (searching only the new part), so no piece is copied twice.
        var scanned = 0;
        var eof = false;
        while (true)
        {
            var rest = _chars.AsSpan(_charPos, _charLen - _charPos);
            var done = FindLineEnd(rest, scanned, out var take);
            if (!done)
            {
                take = rest.Length;
            }

            if (size >= 0)
            {
                var limit = IndexAfter(rest, size, out var counted);
                if (take > limit || (!done && counted >= size))
                {
                    take = limit;
                    done = true;
                }
            }

            if (done || eof)
            {
                return TakeChars(take);
            }

            scanned = rest.Length;
            eof = !ReadChunkOrDrop();
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

    /// <summary>Reads one chunk (buffer.read1, at most one socket read) and decodes it after the unread chars; false at EOF (an empty read).</summary>
    /// <summary>
    /// <see cref="ReadChunk"/> for read(n) and readline(), whose result so far is all the unread chars: when the read
    /// fails (a timeout, an OS error, a decode error) they are lost with the exception, as CPython's TextIOWrapper
    /// loses the chunks it had gathered; a later read starts after them (after a timeout the socket file refuses
    /// to read anyway).
    /// </summary>
    private bool ReadChunkOrDrop()
    {
        try
        {
            return ReadChunk();
        }
        catch
        {
            _charPos = _charLen;
            throw;
        }
    }

    private bool ReadChunk()
    {
        _rawChunk ??= new byte[ChunkSize];
        var n = _buffer.ReadInto1(_rawChunk) ?? 0;
        var eof = n == 0;
        DecodeAppend(_rawChunk.AsSpan(0, n), eof);
        return !eof;
    }

    /// <summary>
    /// Decodes <paramref name="input"/> after the unread chars, then applies Python's IncrementalNewlineDecoder for
    /// the universal modes in place: a trailing "\r" is held back until the next chunk, and for newline=None "\r\n"
    /// and "\r" become "\n".
    /// </summary>
    private void DecodeAppend(ReadOnlySpan<byte> input, bool final)
    {
        var unread = _charLen - _charPos;
        var need = unread + _codec.Encoding.GetMaxCharCount(input.Length + 4) + 1;
        if (need > _chars.Length)
        {
            var bigger = new char[(int)Math.Max(need, Math.Min(Array.MaxLength, _chars.Length * 2L))];
            _chars.AsSpan(_charPos, unread).CopyTo(bigger);
            _chars = bigger;
        }
        else if (_charPos > 0)
        {
            _chars.AsSpan(_charPos, unread).CopyTo(_chars);
        }

        _charPos = 0;
        _charLen = unread;
        var start = unread;
        var at = start;
        var carry = _readUniversal && _pendingCr;
        if (carry)
        {
            _chars[at++] = '\r';
        }

        var end = at + _codec.DecodeInto(_decoder, input, _chars.AsSpan(at), final);
        if (_readUniversal)
        {
            if (carry)
            {
                if (end == at && !final)
                {
                    end = start; // nothing new: the "\r" stays held back
                }
                else
                {
                    _pendingCr = false;
                }
            }

            if (!final && end > start && _chars[end - 1] == '\r')
            {
                end--;
                _pendingCr = true;
            }

            if (_readTranslate)
            {
                end = start + TranslateNewlines(_chars.AsSpan(start, end - start));
            }
        }

        _charLen = end;
    }

    /// <summary>newline=None: "\r\n" and "\r" become "\n" in place; the new length.</summary>
    private static int TranslateNewlines(Span<char> text)
    {
        var first = text.IndexOf('\r');
        if (first < 0)
        {
            return text.Length;
        }

        var w = first;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                text[w++] = '\n';
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                text[w++] = c;
            }
        }

        return w;
    }

    /// <summary>
    /// Where the first line of <paramref name="text"/> ends (the index after its line ending), as the newline mode
    /// defines it; <paramref name="from"/> chars at the start are known to hold no line ending.
    /// </summary>
    private bool FindLineEnd(ReadOnlySpan<char> text, int from, out int endpos)
    {
        endpos = 0;
        if (_readTranslate)
        {
            var pos = text[from..].IndexOf('\n');
            endpos = from + pos + 1;
            return pos >= 0;
        }

        if (_readUniversal)
        {
            // The decoder holds a trailing "\r" back until the next chunk, so "\r\n" is never split here.
            var pos = text[from..].IndexOfAny('\r', '\n');
            if (pos < 0)
            {
                return false;
            }

            pos += from;
            endpos = text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? pos + 2 : pos + 1;
            return true;
        }

        // A fixed newline may straddle the end of what was searched before.
        var start = Math.Max(0, from - (_readNewline!.Length - 1));
        var at = text[start..].IndexOf(_readNewline.AsSpan(), StringComparison.Ordinal);
        endpos = start + at + _readNewline.Length;
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

    /// <summary>Takes the next <paramref name="count"/> decoded chars as a string (one copy); a large consumed buffer is released.</summary>
    private string TakeChars(int count)
    {
        var result = count == 0 ? string.Empty : new string(_chars, _charPos, count);
        _charPos += count;
        if (_charPos == _charLen)
        {
            _charPos = _charLen = 0;
            if (_chars.Length > KeepChars)
            {
                _chars = [];
            }
        }

        return result;
    }

    /// <summary>Adds the encoded form of the next decoded text to the binary view; false at EOF.</summary>
    private bool FillBinary()
    {
        CheckReadable();
        WriteFlush();
        var text = TakeChars(_charLen - _charPos);
        while (text.Length == 0)
        {
            var more = ReadChunk();
            text = TakeChars(_charLen - _charPos);
            if (!more)
            {
                break;
            }
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
