using System;
using System.Globalization;
using System.Text;

namespace PySocket;

/// <summary>
/// A socket address, the C# reading of Python's address values: <c>(host, port)</c> for AF_INET,
/// <c>(host, port, flowinfo, scope_id)</c> for AF_INET6, and a path string for AF_UNIX (a leading NUL
/// marks Linux's abstract namespace). It converts implicitly from <c>(string, int)</c>,
/// <c>(string, int, int)</c>, <c>(string, int, int, int)</c> and <c>string</c>, deconstructs as
/// <c>var (host, port) = addr;</c>, and <see cref="ToString"/> is Python's <c>str()</c> of the value,
/// e.g. <c>('127.0.0.1', 8080)</c>.
/// </summary>
public sealed class SockAddr : IEquatable<SockAddr>
{
    private SockAddr(string? host, int port, int flowinfo, int scopeId, int arity, string? path)
    {
        this.host = host;
        this.port = port;
        this.flowinfo = flowinfo;
        scope_id = scopeId;
        Arity = arity;
        this.path = path;
    }

    /// <summary>address[0]: the host (name or literal; null is Python's None), or null for an AF_UNIX path.</summary>
    public string? host { get; }

    /// <summary>address[1]: the port.</summary>
    public int port { get; }

    /// <summary>address[2]: the IPv6 flow label (0 for a 2-tuple).</summary>
    public int flowinfo { get; }

    /// <summary>address[3]: the IPv6 scope id (0 for a 2-tuple).</summary>
    public int scope_id { get; }

    /// <summary>The AF_UNIX path (abstract names start with <c>'\0'</c>), or null for a (host, port) address.</summary>
    public string? path { get; }

    /// <summary>True for an AF_UNIX path address.</summary>
    public bool IsPath => path is not null;

    /// <summary>len(address): 2, 3 or 4 for a tuple, 0 for a path.</summary>
    public int Arity { get; }

    /// <summary>(host, port): an AF_INET address, or an AF_INET6 one with flowinfo and scope_id 0.</summary>
    public static SockAddr Inet(string? host, int port) => new(host, port, 0, 0, 2, null);

    /// <summary>(host, port, flowinfo): a 3-part AF_INET6 address.</summary>
    public static SockAddr Inet6(string? host, int port, int flowinfo) => new(host, port, flowinfo, 0, 3, null);

    /// <summary>(host, port, flowinfo, scope_id): an AF_INET6 address.</summary>
    public static SockAddr Inet6(string? host, int port, int flowinfo, int scope_id) => new(host, port, flowinfo, scope_id, 4, null);

    /// <summary>'path': an AF_UNIX address (a leading NUL names Linux's abstract namespace).</summary>
    public static SockAddr Unix(string path) => new(null, 0, 0, 0, 0, path ?? throw new ArgumentNullException(nameof(path)));

    /// <summary>(host, port) → address.</summary>
    public static implicit operator SockAddr((string? host, int port) address) => Inet(address.host, address.port);

    /// <summary>(host, port, flowinfo) → address.</summary>
    public static implicit operator SockAddr((string? host, int port, int flowinfo) address) =>
        Inet6(address.host, address.port, address.flowinfo);

    /// <summary>(host, port, flowinfo, scope_id) → address.</summary>
    public static implicit operator SockAddr((string? host, int port, int flowinfo, int scope_id) address) =>
        Inet6(address.host, address.port, address.flowinfo, address.scope_id);

    /// <summary>'path' → AF_UNIX address.</summary>
    public static implicit operator SockAddr(string path) => Unix(path);

    /// <summary>host, port = address. <paramref name="host"/> is null for Python's None, as in <c>(null, 80)</c>.</summary>
    public void Deconstruct(out string? host, out int port)
    {
        RequireTuple(2);
        host = this.host;
        port = this.port;
    }

    /// <summary>host, port, flowinfo = address (a 3-part AF_INET6 address); <paramref name="host"/> is null for None.</summary>
    public void Deconstruct(out string? host, out int port, out int flowinfo)
    {
        RequireTuple(3);
        host = this.host;
        port = this.port;
        flowinfo = this.flowinfo;
    }

    /// <summary>host, port, flowinfo, scope_id = address (an AF_INET6 address); <paramref name="host"/> is null for None.</summary>
    public void Deconstruct(out string? host, out int port, out int flowinfo, out int scope_id)
    {
        RequireTuple(4);
        host = this.host;
        port = this.port;
        flowinfo = this.flowinfo;
        scope_id = this.scope_id;
    }

    /// <summary>str(address): the tuple's repr, e.g. <c>('::1', 80, 0, 0)</c>; a path as itself; an abstract name as bytes.</summary>
    public override string ToString()
    {
        if (path is not null)
        {
            return path.Length > 0 && path[0] == '\0' ? PyRepr.Bytes(Encoding.Latin1.GetBytes(path)) : path;
        }

        var sb = new StringBuilder("(");
        sb.Append(host is null ? "None" : PyRepr.Str(host)).Append(", ").Append(port.ToString(CultureInfo.InvariantCulture));
        if (Arity >= 3)
        {
            sb.Append(", ").Append(flowinfo.ToString(CultureInfo.InvariantCulture));
        }

        if (Arity == 4)
        {
            sb.Append(", ").Append(scope_id.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(')').ToString();
    }

    /// <summary>repr(address): as <see cref="ToString"/>, but a path is quoted (<c>'/tmp/s'</c>).</summary>
    public string repr() =>
        path is not null && !(path.Length > 0 && path[0] == '\0') ? PyRepr.Str(path) : ToString();

    /// <summary>Addresses are equal when their tuples (or paths) are, as in Python.</summary>
    public bool Equals(SockAddr? other) =>
        other is not null && Arity == other.Arity && host == other.host && port == other.port &&
        flowinfo == other.flowinfo && scope_id == other.scope_id && path == other.path;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SockAddr other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(host, port, flowinfo, scope_id, path, Arity);

    /// <summary>a == b.</summary>
    public static bool operator ==(SockAddr? left, SockAddr? right) => left is null ? right is null : left.Equals(right);

    /// <summary>a != b.</summary>
    public static bool operator !=(SockAddr? left, SockAddr? right) => !(left == right);

    private void RequireTuple(int wanted)
    {
        if (path is not null)
        {
            throw Errors.Value($"too many values to unpack (expected {wanted})");
        }

        if (Arity < wanted)
        {
            throw Errors.Value($"not enough values to unpack (expected {wanted}, got {Arity})");
        }

        if (Arity > wanted)
        {
            throw Errors.Value($"too many values to unpack (expected {wanted})");
        }
    }
}
