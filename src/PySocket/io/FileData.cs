using System;

namespace PySocket;

/// <summary>
/// What a <see cref="FileObject"/> (the result of <see cref="SocketObject.makefile"/>) reads: Python's
/// <c>bytes</c> from a binary file, <c>str</c> from a text file, or <c>None</c> (a non-blocking read with no
/// data). C# cannot choose a method's return type from makefile()'s mode string, so the file returns this small
/// value and the caller's type chooses: <c>byte[] line = f.readline()</c> and <c>string line = t.readline()</c>
/// both compile, through implicit conversions that cost nothing (the value is the array or the string itself, not
/// a copy). The wrong conversion raises Python's <see cref="TypeError"/>, as Python does when bytes are used as a
/// str or the reverse: <c>a bytes-like object is required, not 'str'</c>, <c>must be str, not bytes</c>; None
/// converts to neither (check <see cref="IsNone"/> first, as Python code checks <c>is None</c>).
/// <see cref="Length"/> and <see cref="IsEmpty"/> work for both kinds (EOF is an empty value), equality follows
/// Python's (<c>b"x" == b"x"</c>, <c>b"x" != "x"</c>), and <see cref="ToString"/> is Python's <c>str()</c>
/// (the text itself; <c>b'...'</c> for bytes). Note: <c>Console.WriteLine(line)</c> picks the string overload, so
/// for a binary line it raises TypeError; write <c>Console.WriteLine($"{line}")</c> to print Python's form.
/// </summary>
public readonly struct FileData : IEquatable<FileData>
{
    // A byte[] (bytes), a string (str), or null (None). Never copied: the value is the read's own result.
    private readonly object? _value;

    internal FileData(byte[]? bytes) => _value = bytes;

    internal FileData(string text) => _value = text;

    /// <summary>True for Python's None: a non-blocking read found no data (only <c>read()</c> returns it).</summary>
    public bool IsNone => _value is null;

    /// <summary>True when the value is text (<c>str</c>: read from a text file).</summary>
    public bool IsText => _value is string;

    /// <summary>True when the value is bytes (<c>bytes</c>: read from a binary file).</summary>
    public bool IsBytes => _value is byte[];

    /// <summary>len(x): the number of bytes, or of UTF-16 chars for text (as <see cref="string.Length"/>); TypeError for None.</summary>
    public int Length => _value switch
    {
        byte[] b => b.Length,
        string s => s.Length,
        _ => throw Errors.Type("object of type 'NoneType' has no len()"),
    };

    /// <summary>
    /// x[i]: the byte's value for bytes (Python's <c>b[i]</c> is an int), the UTF-16 char's value for text. A negative
    /// index counts from the end, as in Python; out of range raises ArgumentOutOfRangeException with the message of
    /// Python's IndexError. With <see cref="Length"/> this makes list patterns work: <c>line is [] or [(byte)'\n']</c>.
    /// </summary>
    public int this[int index]
    {
        get
        {
            var n = Length;
            var i = index < 0 ? index + n : index;
            if ((uint)i >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(index), IsText ? "string index out of range" : "index out of range");
            }

            return _value is byte[] b ? b[i] : ((string)_value!)[i];
        }
    }

    /// <summary><c>not x</c> for bytes or str: true for b"" and "" (what a read returns at EOF); TypeError for None.</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>The bytes (the read's own array, not a copy); TypeError("a bytes-like object is required, not 'str'") for text or None.</summary>
    public static implicit operator byte[](FileData data) => data.ToByteArray();

    /// <summary>The text (the read's own string); TypeError("must be str, not bytes") for bytes or None.</summary>
    public static implicit operator string(FileData data) => data.ToText();

    /// <summary>Python's <c>==</c>: same kind and same content (bytes never equal str; None equals None).</summary>
    public static bool operator ==(FileData left, FileData right) => left.Equals(right);

    /// <summary>Python's <c>!=</c>.</summary>
    public static bool operator !=(FileData left, FileData right) => !left.Equals(right);

    /// <summary>Python's <c>x == b"..."</c>: true when this is bytes with the same content.</summary>
    public static bool operator ==(FileData left, byte[]? right) => left.Equals(right);

    /// <summary>Python's <c>x != b"..."</c>.</summary>
    public static bool operator !=(FileData left, byte[]? right) => !left.Equals(right);

    /// <summary>Python's <c>b"..." == x</c>.</summary>
    public static bool operator ==(byte[]? left, FileData right) => right.Equals(left);

    /// <summary>Python's <c>b"..." != x</c>.</summary>
    public static bool operator !=(byte[]? left, FileData right) => !right.Equals(left);

    /// <summary>Python's <c>x == "..."</c>: true when this is text with the same characters.</summary>
    public static bool operator ==(FileData left, string? right) => left.Equals(right);

    /// <summary>Python's <c>x != "..."</c>.</summary>
    public static bool operator !=(FileData left, string? right) => !left.Equals(right);

    /// <summary>Python's <c>"..." == x</c>.</summary>
    public static bool operator ==(string? left, FileData right) => right.Equals(left);

    /// <summary>Python's <c>"..." != x</c>.</summary>
    public static bool operator !=(string? left, FileData right) => !right.Equals(left);

    /// <summary>The bytes (the read's own array, not a copy); TypeError("a bytes-like object is required, not 'str'") for text or None.</summary>
    public byte[] ToByteArray() => _value as byte[] ?? throw Errors.Type($"a bytes-like object is required, not '{TypeName}'");

    /// <summary>The text (the read's own string); TypeError("must be str, not bytes") for bytes or None.</summary>
    public string ToText() => _value as string ?? throw Errors.Type(_value is null ? "must be str, not None" : $"must be str, not {TypeName}");

    /// <summary>The bytes as a span (no copy); TypeError for text or None, as <see cref="ToByteArray"/>.</summary>
    public ReadOnlySpan<byte> AsSpan() => ToByteArray();

    /// <summary>Equal when both are bytes with the same content, both text with the same characters, or both None.</summary>
    public bool Equals(FileData other) => _value switch
    {
        byte[] b => other._value is byte[] o && b.AsSpan().SequenceEqual(o),
        string s => other._value is string o && string.Equals(s, o, StringComparison.Ordinal),
        _ => other._value is null,
    };

    /// <summary>True when this is bytes with the same content as <paramref name="bytes"/> (a null array is never equal).</summary>
    public bool Equals(byte[]? bytes) => _value is byte[] b && bytes is not null && b.AsSpan().SequenceEqual(bytes);

    /// <summary>True when this is text equal to <paramref name="text"/> (ordinal; a null string is never equal).</summary>
    public bool Equals(string? text) => _value is string s && string.Equals(s, text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FileData other && Equals(other);

    /// <summary>A hash of the content (equal values hash equal).</summary>
    public override int GetHashCode()
    {
        switch (_value)
        {
            case byte[] b:
                var hash = default(HashCode);
                hash.AddBytes(b);
                return hash.ToHashCode();
            case string s:
                return StringComparer.Ordinal.GetHashCode(s);
            default:
                return 0;
        }
    }

    /// <summary>Python's <c>str(x)</c>: the text itself, <c>b'...'</c> (repr) for bytes, "None" for None.</summary>
    public override string ToString() => _value switch
    {
        byte[] b => PyRepr.Bytes(b),
        string s => s,
        _ => "None",
    };

    /// <summary>Python's <c>repr(x)</c>: <c>b'...'</c> for bytes, <c>'...'</c> for str, "None".</summary>
    public string repr() => _value switch
    {
        byte[] b => PyRepr.Bytes(b),
        string s => PyRepr.Str(s),
        _ => "None",
    };

    private string TypeName => _value switch
    {
        byte[] => "bytes",
        string => "str",
        _ => "NoneType",
    };
}
