using System.Runtime.Versioning;

namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// fromshare(info): a socket object made from the bytes another process's <see cref="SocketObject.share"/> gave
    /// (family, type and protocol come from them; the default timeout applies). Windows only, as in CPython: elsewhere
    /// it raises <see cref="AttributeError"/> naming the OS; bytes of the wrong size raise ValueError.
    /// </summary>
    [SupportedOSPlatform("windows")]
    public static SocketObject fromshare(byte[] info) => SocketObject.FromShare(info);
}
