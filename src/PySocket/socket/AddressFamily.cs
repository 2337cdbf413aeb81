// Members generated from CPython 3.13's socket.AddressFamily on Linux (tools/gen_constants.py's values).
using System;
using System.Collections.Generic;
using System.Globalization;

namespace PySocket;

/// <summary>
/// socket.AddressFamily: Python's IntEnum of address family values, as a struct that converts implicitly to the OS's int
/// (so <c>s.family == AF_INET</c> and <c>socket(family, type, proto)</c> read as in Python).
/// A value the enum does not name is kept as a plain number, as CPython's <c>_intenum_converter</c> does.
/// </summary>
public readonly struct AddressFamily : IEquatable<AddressFamily>
{
    private static readonly Dictionary<int, string> Names = new() { [0] = "AF_UNSPEC", [1] = "AF_UNIX", [2] = "AF_INET", [3] = "AF_AX25", [4] = "AF_IPX", [5] = "AF_APPLETALK", [6] = "AF_NETROM", [7] = "AF_BRIDGE", [8] = "AF_ATMPVC", [9] = "AF_X25", [10] = "AF_INET6", [11] = "AF_ROSE", [13] = "AF_NETBEUI", [14] = "AF_SECURITY", [15] = "AF_KEY", [16] = "AF_NETLINK", [17] = "AF_PACKET", [18] = "AF_ASH", [19] = "AF_ECONET", [20] = "AF_ATMSVC", [21] = "AF_RDS", [22] = "AF_SNA", [23] = "AF_IRDA", [24] = "AF_PPPOX", [25] = "AF_WANPIPE", [26] = "AF_LLC", [29] = "AF_CAN", [30] = "AF_TIPC", [38] = "AF_ALG", [40] = "AF_VSOCK", [42] = "AF_QIPCRTR" };

    /// <summary>AddressFamily(value): a member for an OS value; unknown values are kept as numbers (see <see cref="FromValue"/>).</summary>
    public AddressFamily(int value) => this.value = value;

    /// <summary>AddressFamily.value: the OS's int value.</summary>
    public int value { get; }

    /// <summary>AddressFamily.name: the member name (e.g. "AF_INET"), or null for a value the enum does not name.</summary>
    public string? name => Names.TryGetValue(value, out var n) ? n : null;

    /// <summary>socket.AddressFamily.AF_UNSPEC = 0.</summary>
    public static readonly AddressFamily AF_UNSPEC = new(0);
    /// <summary>socket.AddressFamily.AF_UNIX = 1.</summary>
    public static readonly AddressFamily AF_UNIX = new(1);
    /// <summary>socket.AddressFamily.AF_INET = 2.</summary>
    public static readonly AddressFamily AF_INET = new(2);
    /// <summary>socket.AddressFamily.AF_AX25 = 3.</summary>
    public static readonly AddressFamily AF_AX25 = new(3);
    /// <summary>socket.AddressFamily.AF_IPX = 4.</summary>
    public static readonly AddressFamily AF_IPX = new(4);
    /// <summary>socket.AddressFamily.AF_APPLETALK = 5.</summary>
    public static readonly AddressFamily AF_APPLETALK = new(5);
    /// <summary>socket.AddressFamily.AF_NETROM = 6.</summary>
    public static readonly AddressFamily AF_NETROM = new(6);
    /// <summary>socket.AddressFamily.AF_BRIDGE = 7.</summary>
    public static readonly AddressFamily AF_BRIDGE = new(7);
    /// <summary>socket.AddressFamily.AF_ATMPVC = 8.</summary>
    public static readonly AddressFamily AF_ATMPVC = new(8);
    /// <summary>socket.AddressFamily.AF_X25 = 9.</summary>
    public static readonly AddressFamily AF_X25 = new(9);
    /// <summary>socket.AddressFamily.AF_INET6 = 10.</summary>
    public static readonly AddressFamily AF_INET6 = new(10);
    /// <summary>socket.AddressFamily.AF_ROSE = 11.</summary>
    public static readonly AddressFamily AF_ROSE = new(11);
    /// <summary>socket.AddressFamily.AF_NETBEUI = 13.</summary>
    public static readonly AddressFamily AF_NETBEUI = new(13);
    /// <summary>socket.AddressFamily.AF_SECURITY = 14.</summary>
    public static readonly AddressFamily AF_SECURITY = new(14);
    /// <summary>socket.AddressFamily.AF_KEY = 15.</summary>
    public static readonly AddressFamily AF_KEY = new(15);
    /// <summary>socket.AddressFamily.AF_NETLINK = 16.</summary>
    public static readonly AddressFamily AF_NETLINK = new(16);
    /// <summary>socket.AddressFamily.AF_PACKET = 17.</summary>
    public static readonly AddressFamily AF_PACKET = new(17);
    /// <summary>socket.AddressFamily.AF_ASH = 18.</summary>
    public static readonly AddressFamily AF_ASH = new(18);
    /// <summary>socket.AddressFamily.AF_ECONET = 19.</summary>
    public static readonly AddressFamily AF_ECONET = new(19);
    /// <summary>socket.AddressFamily.AF_ATMSVC = 20.</summary>
    public static readonly AddressFamily AF_ATMSVC = new(20);
    /// <summary>socket.AddressFamily.AF_RDS = 21.</summary>
    public static readonly AddressFamily AF_RDS = new(21);
    /// <summary>socket.AddressFamily.AF_SNA = 22.</summary>
    public static readonly AddressFamily AF_SNA = new(22);
    /// <summary>socket.AddressFamily.AF_IRDA = 23.</summary>
    public static readonly AddressFamily AF_IRDA = new(23);
    /// <summary>socket.AddressFamily.AF_PPPOX = 24.</summary>
    public static readonly AddressFamily AF_PPPOX = new(24);
    /// <summary>socket.AddressFamily.AF_WANPIPE = 25.</summary>
    public static readonly AddressFamily AF_WANPIPE = new(25);
    /// <summary>socket.AddressFamily.AF_LLC = 26.</summary>
    public static readonly AddressFamily AF_LLC = new(26);
    /// <summary>socket.AddressFamily.AF_CAN = 29.</summary>
    public static readonly AddressFamily AF_CAN = new(29);
    /// <summary>socket.AddressFamily.AF_TIPC = 30.</summary>
    public static readonly AddressFamily AF_TIPC = new(30);
    /// <summary>socket.AddressFamily.AF_ALG = 38.</summary>
    public static readonly AddressFamily AF_ALG = new(38);
    /// <summary>socket.AddressFamily.AF_VSOCK = 40.</summary>
    public static readonly AddressFamily AF_VSOCK = new(40);
    /// <summary>socket.AddressFamily.AF_QIPCRTR = 42.</summary>
    public static readonly AddressFamily AF_QIPCRTR = new(42);
    /// <summary>socket.AddressFamily.AF_ROUTE = 16.</summary>
    public static readonly AddressFamily AF_ROUTE = new(16);

    /// <summary>AddressFamily(value) with Python's check: <c>ValueError("12345 is not a valid AddressFamily")</c> for an unnamed value.</summary>
    public static AddressFamily FromValue(int value) =>
        Names.ContainsKey(value) ? new(value) : throw Errors.Value($"{value} is not a valid AddressFamily");

    /// <summary>int(member): the OS value.</summary>
    public static implicit operator int(AddressFamily member) => member.value;

    /// <summary>AddressFamily(value) without the check: a member, or the bare number when unnamed.</summary>
    public static explicit operator AddressFamily(int value) => new(value);

    /// <summary>str(member): the number, as Python 3.11+ prints an IntEnum (<c>'2'</c>).</summary>
    public override string ToString() => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>repr(member): <c>&lt;AddressFamily.NAME: N&gt;</c>, or the bare number for an unnamed value.</summary>
    public string repr() => name is { } n ? $"<AddressFamily.{n}: {value}>" : ToString();

    /// <summary>Members are equal when their values are.</summary>
    public bool Equals(AddressFamily other) => value == other.value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AddressFamily other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => value;
}
