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

    /// <summary>The key (Python's <c>e.args[0]</c>).</summary>
    public object key { get; }

    private static string Describe(object key) => key is string s ? PyRepr.Str(s) : SelectArgs.Repr(key);
}
