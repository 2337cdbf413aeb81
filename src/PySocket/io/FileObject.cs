using System;
using System.Collections;
using System.Collections.Generic;

namespace PySocket;

/// <summary>
/// The file object <see cref="SocketObject.makefile"/> returns, for every mode: Python's forms compile as they
/// read, with no cast, whatever the mode string says. <c>using var f = s.makefile("rb"); byte[] line = f.readline();</c>,
/// <c>var t = s.makefile("r", encoding: "utf-8"); string line = t.readline();</c>, <c>foreach (var l in f)</c>,
/// <c>t.Count()</c>, <c>s.makefile("wb").write(bytes)</c> and <c>s.makefile("w").write("text")</c>.
/// <para>
/// Why this shape: C# cannot overload on the return type and the mode is a run-time string, so one static type must
/// serve both kinds of file. Its read methods return <see cref="FileData"/>, a small value that converts
/// implicitly (without a copy) to <c>byte[]</c> or <c>string</c>, the wrong one raising Python's TypeError as Python
/// does when bytes and str are mixed; its one element type is <see cref="FileData"/>, so <c>foreach</c> and LINQ are
/// unambiguous (<c>foreach (string l in t)</c> and <c>foreach (byte[] l in f)</c> convert each line). The typed
/// io objects stay underneath, each with one exact element type and nothing hidden: <see cref="file"/> is the
/// object Python's makefile returns (<see cref="BufferedReader"/>, <see cref="BufferedWriter"/>,
/// <see cref="BufferedRWPair"/>, <see cref="SocketIO"/> or <see cref="TextIOWrapper"/>), and a conversion
/// (<c>SocketFile f = s.makefile("rb")</c>, <c>(SocketFile)s.makefile("rb")</c>, <c>(BufferedReader)...</c>, <c>(TextIOWrapper)s.makefile("r")</c>) gives it
/// to code that wants <c>byte[]</c>/<c>string</c> results typed at compile time (StreamRequestHandler's rfile and
/// wfile are such typed files). <c>dynamic</c> was rejected (no compile-time checks, not AOT-safe).
/// </para>
/// <para>
/// Members that exist for one kind only raise TypeError with Python's AttributeError message on the other
/// (e.g. <c>'_io.TextIOWrapper' object has no attribute 'readinto'</c>); writing str to a binary file or bytes to
/// a text file raises Python's TypeError. The file is a <see cref="System.IO.Stream"/> of bytes (the typed file's
/// Stream); disposing it is <c>close()</c>. Every call goes straight to the typed file: no data is copied here.
/// </para>
/// </summary>
public sealed partial class FileObject : IOBase, IEnumerable<FileData>
{
    private readonly IOBase _file;
    private readonly SocketFile? _binary;
    private readonly TextIOWrapper? _text;

    internal FileObject(SocketFile binary)
    {
        _file = _binary = binary;
    }

    internal FileObject(TextIOWrapper text)
    {
        _file = _text = text;
    }

    /// <summary>
    /// The io object Python's makefile() returns for the mode: a <see cref="SocketFile"/> (binary: SocketIO,
    /// BufferedReader, BufferedWriter, BufferedRWPair) or a <see cref="TextIOWrapper"/>. <c>type(f).__name__</c> is
    /// <c>f.file.GetType().Name</c>.
    /// </summary>
    public IOBase file => _file;

    /// <inheritdoc/>
    public override bool closed => _file.closed;

    /// <inheritdoc/>
    public override int name => _file.name;

    /// <inheritdoc/>
    public override string mode => _file.mode;

    /// <summary>
    /// The binary file under a binary mode, so <c>SocketFile f = s.makefile("rb")</c> and <c>(SocketFile)s.makefile("rb")</c>
    /// (or <c>(BufferedReader)...</c>) give the typed file; TypeError for a text file, as the mode decides at run time.
    /// </summary>
    public static implicit operator SocketFile(FileObject f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f._binary ?? throw Errors.Type("the file is a text file (TextIOWrapper), not a binary file");
    }

    /// <summary>The text file under a text mode: <c>TextIOWrapper t = s.makefile("r")</c> or <c>(TextIOWrapper)s.makefile("r")</c>; TypeError for a binary file.</summary>
    public static implicit operator TextIOWrapper(FileObject f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f._text ?? throw Errors.Type($"the file is a binary file ({f._file.GetType().Name}), not a text file");
    }

    /// <summary>The binary file (as the explicit conversion), for languages without conversion operators.</summary>
    public SocketFile ToSocketFile() => (SocketFile)this;

    /// <summary>The text file (as the explicit conversion), for languages without conversion operators.</summary>
    public TextIOWrapper ToTextIOWrapper() => (TextIOWrapper)this;

    /// <inheritdoc/>
    public override void close() => _file.close();

    /// <inheritdoc/>
    public override void flush() => _file.flush();

    /// <inheritdoc/>
    public override bool readable() => _file.readable();

    /// <inheritdoc/>
    public override bool writable() => _file.writable();

    /// <inheritdoc/>
    public override bool seekable() => _file.seekable();

    /// <inheritdoc/>
    public override int fileno() => _file.fileno();

    /// <summary>
    /// read(size=-1): up to <paramref name="size"/> bytes (binary) or characters (text), or everything up to EOF
    /// for -1; empty at EOF. <see cref="FileData.IsNone"/> is Python's None (non-blocking binary read, no data).
    /// </summary>
    public FileData read(int size = -1) => _binary is not null ? new FileData(_binary.read(size)) : new FileData(_text!.read(size));

    /// <summary>read1(size=-1): binary files only (at most one read from the socket); TypeError (Python's AttributeError) on a text file.</summary>
    public FileData read1(int size = -1) => new(Binary("read1").read1(size));

    /// <summary>readline(size=-1): the next line with its line ending (bytes or str by the mode), at most <paramref name="size"/> when size &gt;= 0; empty at EOF.</summary>
    public FileData readline(int size = -1) => _binary is not null ? new FileData(_binary.readline(size)) : new FileData(_text!.readline(size));

    /// <summary>readlines(hint=-1): the remaining lines; with hint &gt; 0, stops after the line that takes the total past hint.</summary>
    public List<FileData> readlines(int hint = -1)
    {
        var lines = new List<FileData>();
        if (_binary is not null)
        {
            foreach (var line in _binary.readlines(hint))
            {
                lines.Add(new FileData(line));
            }
        }
        else
        {
            foreach (var line in _text!.readlines(hint))
            {
                lines.Add(new FileData(line));
            }
        }

        return lines;
    }

    /// <summary>readinto(b): binary files only (see <see cref="SocketFile.readinto(Span{byte})"/>); TypeError (Python's AttributeError) on a text file.</summary>
    public int? readinto(Span<byte> buffer) => Binary("readinto").readinto(buffer);

    /// <summary>readinto(b): the <c>byte[]</c> form of <see cref="readinto(Span{byte})"/>.</summary>
    public int? readinto(byte[] buffer) => Binary("readinto").readinto(buffer);

    /// <summary>write(b): writes bytes to a binary file (see <see cref="SocketFile.write(byte[])"/>); TypeError("write() argument must be str, not bytes") on a text file.</summary>
    public int write(byte[] data) => _binary is not null ? _binary.write(data) : throw Errors.Type("write() argument must be str, not bytes");

    /// <summary>write(b): the span form of <see cref="write(byte[])"/> (nothing is allocated for a binary file).</summary>
    public int write(ReadOnlySpan<byte> data) => _binary is not null ? _binary.write(data) : throw Errors.Type("write() argument must be str, not bytes");

    /// <summary>write(s): writes text to a text file (see <see cref="TextIOWrapper.write"/>); TypeError("a bytes-like object is required, not 'str'") on a binary file.</summary>
    public int write(string s)
    {
        if (_text is not null)
        {
            return _text.write(s);
        }

        // Python's BufferedReader.write and a read-only SocketIO's write raise before they look at the argument.
        if (_binary is BufferedReader || (_binary is SocketIO raw && (raw.closed || !raw.writable())))
        {
            _binary!.WriteBytes(default);
        }

        throw Errors.Type("a bytes-like object is required, not 'str'");
    }

    /// <summary>write(x): writes what another file read (bytes or str), with the rules of <see cref="write(byte[])"/> and <see cref="write(string)"/>.</summary>
    public int write(FileData data) => data.IsText ? write(data.ToText()) : write(data.ToByteArray());

    /// <summary>iter(f): the lines, as readline() returns them, until EOF.</summary>
    public IEnumerator<FileData> GetEnumerator()
    {
        if (_binary is not null)
        {
            // readline() straight on the file (one iterator, not one over another: this is the hot loop of line protocols).
            while (true)
            {
                var line = _binary.ReadLineBytes(-1);
                if (line.Length == 0)
                {
                    yield break;
                }

                yield return new FileData(line);
            }
        }
        else
        {
            foreach (var line in _text!)
            {
                yield return new FileData(line);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>repr(f): the io object's repr, e.g. <c>&lt;_io.BufferedReader name=3&gt;</c>.</summary>
    public override string ToString() => _file.ToString();

    internal override int? ReadInto1(Span<byte> buffer) => _file.ReadInto1(buffer);

    internal override int WriteBytes(ReadOnlySpan<byte> data) => _file.WriteBytes(data);

    /// <summary>Dispose is close(), through the typed file's own Dispose.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    private SocketFile Binary(string attribute) =>
        _binary ?? throw new AttributeError($"'_io.TextIOWrapper' object has no attribute '{attribute}'", attribute);
}
