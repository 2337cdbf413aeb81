using System;
using System.Collections.Generic;

namespace PySocket;

/// <summary>
/// Python's KeyError, as the <c>select</c> and <c>selectors</c> modules raise it (an unknown descriptor
/// or file object, a double register). It is a <see cref="KeyNotFoundException"/>, the .NET reading of
/// KeyError; its Message is Python's <c>str(e)</c>: the repr of the key, e.g. <c>'3 is not registered'</c>
/// with its quotes for a string, <c>3</c> for a descriptor.
/// </summary>
public class KeyError : KeyNotFoundException
{
    /// <summary>KeyError(key): the error for <paramref name="key"/> (a string or a number).</summary>
    public KeyError(object key) : base(Describe(key)) => this.key = key;

    /// <summary>KeyError(): no key (Python's <c>KeyError()</c>); <see cref="key"/> is an empty string.</summary>
    public KeyError() : base(string.Empty) => key = string.Empty;

    /// <summary>KeyError(message): the standard .NET constructor; the message is used as it is (for Python's <c>KeyError('x')</c>, whose <c>str()</c> is the repr <c>'x'</c>, pass the key as an object).</summary>
    /// <param name="message">The message, which is also the key.</param>
    public KeyError(string message) : base(message) => key = message;

    /// <summary>KeyError(message, innerException): the standard .NET constructor with a cause.</summary>
    /// <param name="message">The message, which is also the key.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public KeyError(string message, Exception innerException) : base(message, innerException) => key = message;

    /// <summary>The key (Python's <c>e.args[0]</c>).</summary>
    public object key { get; }

    private static string Describe(object key) => key is string s ? PyRepr.Str(s) : SelectArgs.Repr(key);
}
