using System;
using System.Collections.Generic;

namespace PySocket;

/// <summary>
/// The member names of socket.py's IntEnums (<see cref="AddressFamily"/>, <see cref="SocketKind"/>) on the running
/// OS: socket.py's filter (the upper-case names with the enum's prefix), aliases resolved as
/// <c>IntEnum._convert_</c> does (members sorted by value, then name; the first name of a value is its canonical one).
/// </summary>
internal static class IntEnumNames
{
    /// <summary>Value to canonical member name, for the constants named <paramref name="prefix"/>* on this OS.</summary>
    public static Dictionary<int, string> Build(string prefix)
    {
        var members = new List<(long Value, string Name)>();
        foreach (var row in ConstantTable.Rows)
        {
            var value = OsTables.Constant(OsTables.Current, row.Name);
            if (row.Name.StartsWith(prefix, StringComparison.Ordinal) && row.Name.AsSpan().IndexOfAnyInRange('a', 'z') < 0 &&
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
}
