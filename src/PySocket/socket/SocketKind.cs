// The members are generated per OS in SocketKind.g.cs (tools/gen_platform_tables.py).
using System;
using System.Collections.Generic;
using System.Globalization;

namespace PySocket;

/// <summary>
/// socket.SocketKind: Python's IntEnum of socket type values, as a struct that converts implicitly to the OS's int
/// (so <c>s.family == AF_INET</c> and <c>socket(family, type, proto)</c> read as in Python).
/// A value the enum does not name is kept as a plain number, as CPython's <c>_intenum_converter</c> does.
/// </summary>
public readonly partial struct SocketKind : IEquatable<SocketKind>
{
    // The member names on the running OS: socket.py's filter (upper-case SOCK_* names), aliases resolved as
    // IntEnum._convert_ does (members sorted by value, then name; the first name of a value is its canonical one).
    private static readonly Dictionary<int, string> Names = BuildNames("SOCK_");

    /// <summary>SocketKind(value): a member for an OS value; unknown values are kept as numbers (see <see cref="FromValue"/>).</summary>
    public SocketKind(int value) => this.value = value;

    /// <summary>SocketKind.value: the OS's int value.</summary>
    public int value { get; }

    /// <summary>SocketKind.name: the member name (e.g. "SOCK_STREAM"), or null for a value the enum does not name.</summary>
    public string? name => Names.TryGetValue(value, out var n) ? n : null;


    /// <summary>SocketKind(value) with Python's check: <c>ValueError("12345 is not a valid SocketKind")</c> for an unnamed value.</summary>
    public static SocketKind FromValue(int value) =>
        Names.ContainsKey(value) ? new(value) : throw Errors.Value($"{value} is not a valid SocketKind");

    /// <summary>int(member): the OS value.</summary>
    public static implicit operator int(SocketKind member) => member.value;

    /// <summary>SocketKind(value) without the check: a member, or the bare number when unnamed.</summary>
    public static explicit operator SocketKind(int value) => new(value);

    /// <summary>str(member): the number, as Python 3.11+ prints an IntEnum (<c>'2'</c>).</summary>
    public override string ToString() => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>repr(member): <c>&lt;SocketKind.NAME: N&gt;</c>, or the bare number for an unnamed value.</summary>
    public string repr() => name is { } n ? $"<SocketKind.{n}: {value}>" : ToString();

    private static Dictionary<int, string> BuildNames(string prefix)
    {
        var members = new List<(long Value, string Name)>();
        foreach (var row in ConstantTable.Rows)
        {
            var value = OsTables.Constant(OsTables.Current, row.Name);
            if (row.Name.StartsWith(prefix, StringComparison.Ordinal) && row.Name == row.Name.ToUpperInvariant() &&
                value != ConstantTable.Absent)
            {
                members.Add((value, row.Name));
            }
        }

        members.Sort((x, y) => x.Value != y.Value ? x.Value.CompareTo(y.Value) : string.CompareOrdinal(x.Name, y.Name));
        var names = new Dictionary<int, string>();
        foreach (var (value, name) in members)
        {
            names.TryAdd((int)value, name);
        }

        return names;
    }

    /// <summary>Members are equal when their values are.</summary>
    public bool Equals(SocketKind other) => value == other.value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SocketKind other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => value;
}
