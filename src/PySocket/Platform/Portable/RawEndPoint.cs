using System;
using System.Net;
using System.Net.Sockets;
using NetFamily = System.Net.Sockets.AddressFamily;

namespace PySocket;

/// <summary>
/// An <see cref="EndPoint"/> that is exactly a sockaddr in the running OS's layout (the bytes the Python layer's
/// codec made). Bind and Connect serialize it byte for byte, so every address reaches the OS as CPython would
/// pass it: AF_UNIX autobind (the 2-byte '' address), Linux abstract names, any IPv6 flowinfo and scope id.
/// .NET's <see cref="SocketAddress"/> buffer is the OS's sockaddr layout on every OS, so no conversion is needed.
/// </summary>
internal sealed class RawEndPoint : EndPoint
{
    private readonly NetFamily _family;
    private readonly byte[] _bytes;

    /// <summary>An endpoint of <paramref name="family"/> holding a copy of <paramref name="sockaddr"/>.</summary>
    public RawEndPoint(NetFamily family, ReadOnlySpan<byte> sockaddr)
    {
        _family = family;
        _bytes = sockaddr.ToArray();
    }

    /// <inheritdoc/>
    public override NetFamily AddressFamily => _family;

    /// <summary>The sockaddr bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Copies the bytes of <paramref name="address"/> (its Size) into <paramref name="dest"/>; returns the full length.</summary>
    public static int CopyOut(SocketAddress address, Span<byte> dest)
    {
        var src = address.Buffer.Span[..address.Size];
        src[..Math.Min(src.Length, dest.Length)].CopyTo(dest);
        return src.Length;
    }

    /// <inheritdoc/>
    public override SocketAddress Serialize()
    {
        var sa = new SocketAddress(_family, Math.Max(_bytes.Length, 2));
        _bytes.CopyTo(sa.Buffer.Span);
        sa.Size = _bytes.Length;
        return sa;
    }

    /// <inheritdoc/>
    public override EndPoint Create(SocketAddress socketAddress) =>
        new RawEndPoint(socketAddress.Family, socketAddress.Buffer.Span[..socketAddress.Size]);

    /// <inheritdoc/>
    public override string ToString() => $"RawEndPoint({_family}, {Convert.ToHexString(_bytes)})";
}
