namespace PySocket;

/// <summary>
/// The <c>socket</c> module: Python's module-level functions and constants with Python's names, for
/// <c>using static PySocket.Socket;</c>. The class is split by concern: Socket.Constants.cs (AF_*, SOCK_*,
/// ...), Socket.Timeout.cs, Socket.ByteOrder.cs, Socket.AddressText.cs, Socket.Resolver.cs,
/// Socket.Databases.cs, Socket.Interfaces.cs, Socket.Cmsg.cs and Socket.Factories.cs (socket(), socketpair(), ...).
/// </summary>
public static partial class Socket
{
}
