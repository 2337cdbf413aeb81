using System;

namespace PySocket;

/// <summary>
/// io.BufferedRWPair: makefile("rwb"), a <see cref="BufferedReader"/> and a <see cref="BufferedWriter"/> over
/// the same <see cref="SocketIO"/>. Reads go to the reader and writes to the writer (reading does not flush
/// the writer). fileno() raises <c>UnsupportedOperation("fileno")</c> as in Python. Python's BufferedRWPair
/// has no <c>name</c> or <c>mode</c> attribute; here they are the socket's descriptor and "rwb".
/// </summary>
public sealed partial class BufferedRWPair : SocketFile
{
    private readonly SocketIO _raw;
    private readonly BufferedReader _reader;
    private readonly BufferedWriter _writer;

    internal BufferedRWPair(SocketIO raw, int bufferSize, int readAhead = 0)
    {
        _raw = raw;
        _reader = new BufferedReader(raw, bufferSize, readAhead);
        _writer = new BufferedWriter(raw, bufferSize);
    }

    /// <inheritdoc/>
    public override bool closed => _writer.closed;

    /// <inheritdoc/>
    public override int name => _raw.name;

    /// <inheritdoc/>
    public override string mode => _raw.mode;

    /// <inheritdoc/>
    public override bool readable() => _reader.readable();

    /// <inheritdoc/>
    public override bool writable() => _writer.writable();

    /// <summary>fileno(): raises <c>UnsupportedOperation("fileno")</c>, as Python's BufferedRWPair does.</summary>
    public override int fileno() => throw Errors.Unsupported("fileno");

    /// <summary>seekable(): false, even once closed (io.BufferedRWPair inherits IOBase's, which checks nothing).</summary>
    public override bool seekable() => false;

    /// <summary>flush(): flushes the writer.</summary>
    public override void flush() => _writer.flush();

    /// <summary>close(): closes the writer (flushing it), then the reader.</summary>
    public override void close()
    {
        try
        {
            _writer.close();
        }
        finally
        {
            _reader.close();
        }
    }

    /// <summary>peek(size=0): the reader's peek().</summary>
    public byte[] peek(int size = 0) => _reader.peek(size);

    /// <summary>readinto1(b): the reader's readinto1().</summary>
    public int? readinto1(Span<byte> buffer) => _reader.readinto1(buffer);

    /// <summary>repr(f): <c>&lt;_io.BufferedRWPair name=3&gt;</c> (Python shows the object's address).</summary>
    public override string ToString() => $"<_io.BufferedRWPair name={name}>";

    internal override byte[]? ReadBytes(int size) => _reader.ReadBytes(size);

    internal override byte[] Read1Bytes(int size) => _reader.Read1Bytes(size);

    internal override byte[] ReadLineBytes(int size) => _reader.ReadLineBytes(size);

    internal override int? ReadInto(Span<byte> buffer) => _reader.ReadInto(buffer);

    internal override int? ReadInto1(Span<byte> buffer) => _reader.ReadInto1(buffer);

    internal override int WriteBytes(ReadOnlySpan<byte> data) => _writer.WriteBytes(data);
}
