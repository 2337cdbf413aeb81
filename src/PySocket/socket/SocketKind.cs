// Members generated from CPython 3.13's socket.SocketKind on Linux (tools/gen_constants.py's values).
using System;
using System.Collections.Generic;
using System.Globalization;

namespace PySocket;

/// <summary>
/// socket.SocketKind: Python's IntEnum of socket type values, as a struct that converts implicitly to the OS's int
/// (so <c>s.family == AF_INET</c> and <c>socket(family, type, proto)</c> read as in Python).
/// A value the enum does not name is kept as a plain number, as CPython's <c>_intenum_converter</c> does.
/// </summary>
public readonly struct SocketKind : IEquatable<SocketKind>
{
    private static readonly Dictionary<int, string> Names = new() { [1] = "SOCK_STREAM", [2] = "SOCK_DGRAM", [3] = "SOCK_RAW", [4] = "SOCK_RDM", [5] = "SOCK_SEQPACKET", [2048] = "SOCK_NONBLOCK", [524288] = "SOCK_CLOEXEC" };

    /// <summary>SocketKind(value): a member for an OS value; unknown values are kept as numbers (see <see cref="FromValue"/>).</summary>
    public SocketKind(int value) => this.value = value;

    /// <summary>SocketKind.value: the OS's int value.</summary>
    public int value { get; }

    /// <summary>SocketKind.name: the member name (e.g. "SOCK_STREAM"), or null for a value the enum does not name.</summary>
    public string? name => Names.TryGetValue(value, out var n) ? n : null;

    /// <summary>socket.SocketKind.SOCK_STREAM = 1.</summary>
    public static readonly SocketKind SOCK_STREAM = new(1);
    /// <summary>socket.SocketKind.SOCK_DGRAM = 2.</summary>
    public static readonly SocketKind SOCK_DGRAM = new(2);
    /// <summary>socket.SocketKind.SOCK_RAW = 3.</summary>
    public static readonly SocketKind SOCK_RAW = new(3);
    /// <summary>socket.SocketKind.SOCK_RDM = 4.</summary>
    public static readonly SocketKind SOCK_RDM = new(4);
    /// <summary>socket.SocketKind.SOCK_SEQPACKET = 5.</summary>
    public static readonly SocketKind SOCK_SEQPACKET = new(5);
    /// <summary>socket.SocketKind.SOCK_NONBLOCK = 2048.</summary>
    public static readonly SocketKind SOCK_NONBLOCK = new(2048);
    /// <summary>socket.SocketKind.SOCK_CLOEXEC = 524288.</summary>
    public static readonly SocketKind SOCK_CLOEXEC = new(524288);

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

    /// <summary>Members are equal when their values are.</summary>
    public bool Equals(SocketKind other) => value == other.value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SocketKind other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => value;
}
