using System;
using System.Collections.Generic;
using System.Net;

namespace PySocket;

/// <summary>
/// The name services on an OS PySocket has no structure table for (neither Linux, macOS/iOS nor Windows:
/// e.g. FreeBSD or Android, whose C libraries lay out addrinfo, sockaddr and h_errno differently). Rather
/// than read their structures with another OS's layout, every resolver and database call fails with a
/// gaierror or OSError whose text says so; only the pure address text conversions (inet_pton, inet_ntop,
/// inet_aton for dotted quads) work, through System.Net.IPAddress.
/// </summary>
internal sealed class UnavailableNames : NamePal
{
    private const int Enosys = 38;
    private const int Eafnosupport = 97;
    private const int EaiFail = -4;

    private readonly string _os = Environment.OSVersion.Platform.ToString();

    /// <inheritdoc/>
    public override NameLayout Layout => NameLayout.Linux;

    /// <inheritdoc/>
    public override bool HasSetHostName => false;

    /// <inheritdoc/>
    public override int GetAddrInfo(byte[]? host, byte[]? service, int family, int type, int proto, int flags,
        List<AddrInfoEntry> entries, out int systemError)
    {
        systemError = 0;
        return EaiFail;
    }

    /// <inheritdoc/>
    public override int GetNameInfo(in NameAddress address, int flags, out byte[] host, out byte[] service, out int systemError)
    {
        host = service = [];
        systemError = 0;
        return EaiFail;
    }

    /// <inheritdoc/>
    public override bool GetHostByName(byte[] name, out HostEntry? entry, out int hErrno)
    {
        entry = null;
        hErrno = 3; // NO_RECOVERY
        return false;
    }

    /// <inheritdoc/>
    public override bool GetHostByAddr(ReadOnlySpan<byte> address, int family, out HostEntry? entry, out int hErrno)
    {
        entry = null;
        hErrno = 3;
        return false;
    }

    /// <inheritdoc/>
    public override int GetHostName(out byte[] name)
    {
        try
        {
            name = System.Text.Encoding.UTF8.GetBytes(Dns.GetHostName());
            return 0;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            name = [];
            return e.NativeErrorCode != 0 ? e.NativeErrorCode : Enosys;
        }
    }

    /// <inheritdoc/>
    public override int SetHostName(ReadOnlySpan<byte> name) => Enosys;

    /// <inheritdoc/>
    public override bool GetServByName(byte[] name, byte[]? proto, out int port)
    {
        port = 0;
        return false;
    }

    /// <inheritdoc/>
    public override bool GetServByPort(int port, byte[]? proto, out byte[] name)
    {
        name = [];
        return false;
    }

    /// <inheritdoc/>
    public override bool GetProtoByName(byte[] name, out int number)
    {
        number = 0;
        return false;
    }

    /// <inheritdoc/>
    public override int IfNameIndex(List<(uint Index, byte[] Name)> interfaces) => Enosys;

    /// <inheritdoc/>
    public override uint IfNameToIndex(byte[] name) => 0;

    /// <inheritdoc/>
    public override int IfIndexToName(uint index, out byte[] name)
    {
        name = [];
        return Enosys;
    }

    /// <inheritdoc/>
    public override int InetPton(int family, ReadOnlySpan<byte> text, Span<byte> dest, out int error)
    {
        error = 0;
        if (family != Layout.AfInet && family != Layout.AfInet6)
        {
            error = Eafnosupport;
            return -1;
        }

        var end = text.IndexOf((byte)0);
        var s = System.Text.Encoding.ASCII.GetString(text[..(end < 0 ? text.Length : end)]);
        var v4 = family == Layout.AfInet;

        // inet_pton's IPv4 form is exactly four decimal parts; IPAddress also accepts shorter and hex forms.
        if (v4 && (s.Split('.').Length != 4 || s.AsSpan().IndexOfAnyExcept("0123456789.") >= 0))
        {
            return 0;
        }

        if (!IPAddress.TryParse(s, out var address)
            || address.AddressFamily != (v4 ? System.Net.Sockets.AddressFamily.InterNetwork : System.Net.Sockets.AddressFamily.InterNetworkV6)
            || s.Contains('%', StringComparison.Ordinal))
        {
            return 0;
        }

        return address.TryWriteBytes(dest, out _) ? 1 : 0;
    }

    /// <inheritdoc/>
    public override int InetNtop(int family, ReadOnlySpan<byte> address, Span<byte> text, out int error)
    {
        error = 0;
        var length = family == Layout.AfInet ? 4 : family == Layout.AfInet6 ? 16 : 0;
        if (length == 0 || address.Length < length)
        {
            error = Eafnosupport;
            return -1;
        }

        var formatted = new IPAddress(address[..length]).ToString();
        return System.Text.Encoding.ASCII.GetBytes(formatted, text);
    }

    /// <inheritdoc/>
    public override bool InetAton(ReadOnlySpan<byte> text, Span<byte> dest) => InetPton(Layout.AfInet, text, dest, out _) == 1;

    /// <inheritdoc/>
    public override string GaiErrorText(int code) =>
        $"name resolution is not available on this OS ({_os}): PySocket has name-service tables for Linux, macOS and Windows only";

    /// <inheritdoc/>
    public override string HostErrorText(int code) => GaiErrorText(code);
}
