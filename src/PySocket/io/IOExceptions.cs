using System;

namespace PySocket;

/// <summary>
/// io.UnsupportedOperation: the file does not support the operation (reading a write-only file, seeking a
/// socket file, ...). Python derives it from both OSError and ValueError; here it is an <see cref="OSError"/>
/// (with no errno), because a .NET class has one base.
/// </summary>
public class UnsupportedOperation : OSError
{
    /// <summary>UnsupportedOperation(message), e.g. <c>UnsupportedOperation("read")</c>.</summary>
    public UnsupportedOperation(string message) : base(message) { }

    /// <summary>UnsupportedOperation(): .NET's default message.</summary>
    public UnsupportedOperation() { }

    /// <summary>UnsupportedOperation(message, inner): a message, wrapping another exception.</summary>
    public UnsupportedOperation(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>UnicodeError: the base of the codec errors; a <see cref="ValueError"/>, as in Python.</summary>
public class UnicodeError : ValueError
{
    /// <summary>UnicodeError(message).</summary>
    public UnicodeError(string message) : base(message) { }

    /// <summary>UnicodeError(): .NET's default message.</summary>
    public UnicodeError() { }

    /// <summary>UnicodeError(message, inner): a message, wrapping another exception.</summary>
    public UnicodeError(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// UnicodeDecodeError: a text file met bytes its encoding cannot decode (errors="strict"). The message has
/// Python's shape: <c>'utf-8' codec can't decode byte 0xff in position 0: invalid start byte</c>.
/// </summary>
public class UnicodeDecodeError : UnicodeError
{
    /// <summary>UnicodeDecodeError(message).</summary>
    public UnicodeDecodeError(string message) : base(message) { }

    /// <summary>UnicodeDecodeError(): .NET's default message.</summary>
    public UnicodeDecodeError() { }

    /// <summary>UnicodeDecodeError(message, inner): a message, wrapping another exception.</summary>
    public UnicodeDecodeError(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// UnicodeEncodeError: a text file was given a character its encoding cannot encode (errors="strict"), e.g.
/// <c>'ascii' codec can't encode character '\xe9' in position 0: ordinal not in range(128)</c>.
/// </summary>
public class UnicodeEncodeError : UnicodeError
{
    /// <summary>UnicodeEncodeError(message).</summary>
    public UnicodeEncodeError(string message) : base(message) { }

    /// <summary>UnicodeEncodeError(): .NET's default message.</summary>
    public UnicodeEncodeError() { }

    /// <summary>UnicodeEncodeError(message, inner): a message, wrapping another exception.</summary>
    public UnicodeEncodeError(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// LookupError: Python's LookupError, raised by makefile() for an unknown encoding (<c>unknown encoding: x</c>)
/// or error handler. It is an ArgumentException, like PySocket's ValueError and TypeError.
/// </summary>
public class LookupError : ArgumentException
{
    /// <summary>LookupError(message).</summary>
    public LookupError(string message) : base(message) { }

    /// <summary>LookupError(): .NET's default message.</summary>
    public LookupError() { }

    /// <summary>LookupError(message, inner): a message, wrapping another exception.</summary>
    public LookupError(string message, Exception innerException) : base(message, innerException) { }
}
