using System;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>
/// The platform layer's interface: the only code below it makes system calls. Every operation returns 0 on
/// success or the OS's error number (Linux errno, Windows WSA code), never throws and never allocates; a
/// handle that is closed (or closes during the call) gives <see cref="PalErrorCodes.BadDescriptor"/>.
/// Buffers are pointer + length; sockaddr and control bytes are in the OS's layout (<see cref="PlatformLayout"/>).
/// Two implementations: <see cref="NativeSocketPal"/> (libc, Linux) and the portable one (System.Net.Sockets).
/// The one deadline loop over these calls is <see cref="SockCall"/>.
/// </summary>
internal abstract unsafe partial class SocketPal
{
    /// <summary>The environment variable that chooses the platform layer.</summary>
    public const string EnvironmentVariable = "PYSOCKET_PLATFORM";

    /// <summary>A result that is no OS error: the operation's deadline passed (the Python layer raises TimeoutError('timed out')).</summary>
    public const int TimedOut = -1;

    private static readonly Lazy<SocketPal> Chosen = new(() => Create(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>
    /// The platform layer of this process, chosen once: PYSOCKET_PLATFORM = "native" (default on Linux) or
    /// "portable" (default elsewhere). Any other value throws, on first use, an exception naming the variable
    /// and the allowed values.
    /// </summary>
    public static SocketPal Current => Chosen.Value;

    /// <summary>"native" or "portable".</summary>
    public abstract string Name { get; }

    /// <summary>The OS error numbers the neutral code recognises.</summary>
    public abstract PalErrorCodes Errors { get; }

    /// <summary>The OS's sockaddr and CMSG layouts.</summary>
    public virtual PlatformLayout Layout => PlatformLayout.Current;

    /// <summary>socket(2): a new socket; <paramref name="type"/> carries no SOCK_NONBLOCK/SOCK_CLOEXEC flags; the handle is never inheritable.</summary>
    public abstract int Socket(int family, int type, int proto, out SocketHandle? handle);

    /// <summary>socketpair(2): two connected, non-inheritable sockets.</summary>
    public abstract int SocketPair(int family, int type, int proto, out SocketHandle? first, out SocketHandle? second);

    /// <summary>Takes ownership of an existing descriptor number (socket(fileno=...)); nothing is checked.</summary>
    public abstract int Adopt(long number, out SocketHandle? handle);

    /// <summary>dup(): a non-inheritable duplicate of the handle's socket, as a new owned handle.</summary>
    public abstract int Duplicate(SocketHandle handle, out SocketHandle? copy);

    /// <summary>socket.dup(fd): a non-inheritable duplicate of a bare descriptor number.</summary>
    public abstract int DuplicateNumber(long number, out long copy);

    /// <summary>socket.close(fd) and descriptors received in SCM_RIGHTS: closes a bare number no handle owns.</summary>
    public abstract int CloseNumber(long number);

    /// <summary>Whether the socket survives exec (Windows: handle inheritance).</summary>
    public abstract int GetInheritable(SocketHandle handle, out bool inheritable);

    /// <summary>Sets whether the socket survives exec.</summary>
    public abstract int SetInheritable(SocketHandle handle, bool inheritable);

    /// <summary>Whether the OS socket is in non-blocking mode.</summary>
    public abstract int GetNonBlocking(SocketHandle handle, out bool nonBlocking);

    /// <summary>Puts the OS socket in non-blocking (or blocking) mode; no system call when it already is.</summary>
    public abstract int SetNonBlocking(SocketHandle handle, bool nonBlocking);

    /// <summary>bind(2) to <paramref name="length"/> bytes of sockaddr.</summary>
    public abstract int Bind(SocketHandle handle, byte* address, int length);

    /// <summary>
    /// connect(2), one attempt: 0, or the OS error (in-progress for a non-blocking socket; the deadline logic
    /// is <see cref="SockCall.Connect"/>'s).
    /// </summary>
    public abstract int Connect(SocketHandle handle, byte* address, int length);

    /// <summary>listen(2).</summary>
    public abstract int Listen(SocketHandle handle, int backlog);

    /// <summary>
    /// accept(2), one attempt: the new socket (non-inheritable, blocking) and the peer's sockaddr
    /// (<paramref name="length"/>: in capacity, out the address's length).
    /// </summary>
    public abstract int Accept(SocketHandle handle, byte* address, ref int length, out SocketHandle? accepted);

    /// <summary>send(2), one attempt; a closed peer gives EPIPE, never a signal (the layer adds MSG_NOSIGNAL itself where needed).</summary>
    public abstract int Send(SocketHandle handle, byte* buffer, int length, int flags, out int sent);

    /// <summary>sendto(2), one attempt.</summary>
    public abstract int SendTo(SocketHandle handle, byte* buffer, int length, int flags, byte* address, int addressLength, out int sent);

    /// <summary>recv(2), one attempt (<paramref name="received"/> may exceed <paramref name="length"/> with MSG_TRUNC).</summary>
    public abstract int Recv(SocketHandle handle, byte* buffer, int length, int flags, out int received);

    /// <summary>recvfrom(2), one attempt; <paramref name="addressLength"/>: in capacity, out the address's length.</summary>
    public abstract int RecvFrom(SocketHandle handle, byte* buffer, int length, int flags, byte* address, ref int addressLength, out int received);

    /// <summary>sendmsg(2), one attempt.</summary>
    public abstract int SendMsg(SocketHandle handle, PalMessage* message, int flags, out int sent);

    /// <summary>recvmsg(2), one attempt; updates the message's NameLength, ControlLength and Flags.</summary>
    public abstract int RecvMsg(SocketHandle handle, PalMessage* message, int flags, out int received);

    /// <summary>shutdown(2).</summary>
    public abstract int Shutdown(SocketHandle handle, int how);

    /// <summary>getsockopt(2): <paramref name="length"/> in capacity, out the option's length.</summary>
    public abstract int GetSockOpt(SocketHandle handle, int level, int name, byte* value, ref int length);

    /// <summary>setsockopt(2); <paramref name="value"/> may be null (CPython's setsockopt(level, opt, None, optlen)) or a zero-length non-null buffer: the two stay distinct.</summary>
    public abstract int SetSockOpt(SocketHandle handle, int level, int name, byte* value, int length);

    /// <summary>getsockopt(SOL_SOCKET, SO_ERROR): the pending error of the socket (0 when none), clearing it.</summary>
    public abstract int GetSocketError(SocketHandle handle, out int socketError);

    /// <summary>getsockname(2): <paramref name="length"/> in capacity, out the address's length.</summary>
    public abstract int GetSockName(SocketHandle handle, byte* address, ref int length);

    /// <summary>getpeername(2).</summary>
    public abstract int GetPeerName(SocketHandle handle, byte* address, ref int length);

    /// <summary>
    /// sendfile(2), one attempt: up to <paramref name="count"/> bytes of <paramref name="file"/> from
    /// <paramref name="offset"/>. A layer without it returns an error (e.g. EOPNOTSUPP) with nothing sent, which
    /// the Python layer takes as "not available" and falls back to send(), as CPython's socket.py does.
    /// </summary>
    public abstract int SendFile(SocketHandle handle, SafeHandle file, long offset, long count, out long sent);

    /// <summary>
    /// poll(2) on one handle for <paramref name="events"/>, waiting up to <paramref name="timeoutMs"/> milliseconds
    /// (-1 forever, 0 not at all). On a timeout returns 0 with <paramref name="revents"/> None.
    /// </summary>
    public abstract int Poll(SocketHandle handle, PollEvents events, int timeoutMs, out PollEvents revents);

    /// <summary>poll(2) on several handles (at most 8); sets each entry's REvents; <paramref name="ready"/> counts entries with events.</summary>
    public abstract int PollMany(Span<PollEntry> entries, int timeoutMs, out int ready);

    /// <summary>
    /// The same OS socket as a System.Net.Sockets.Socket for .NET APIs. Native: a Socket sharing the descriptor
    /// (it does not own it); portable: the Socket the handle wraps.
    /// </summary>
    public abstract int GetNetSocket(SocketHandle handle, out System.Net.Sockets.Socket? socket);

    /// <summary>The text of an OS error (strerror / FormatMessage), as CPython reports it.</summary>
    public abstract string ErrorText(int error);

    /// <summary>Provided by the portable layer's source file (Platform/Portable/); left unimplemented, "portable" is unavailable.</summary>
    static partial void CreatePortable(ref SocketPal? pal);

    /// <summary>The platform layer for a value of <see cref="EnvironmentVariable"/> (null or empty: the OS's default).</summary>
    internal static SocketPal Create(string? value)
    {
        var name = string.IsNullOrEmpty(value) ? (OperatingSystem.IsLinux() ? "native" : "portable") : value;
        switch (name)
        {
            case "native":
                if (!OperatingSystem.IsLinux())
                {
                    throw new PlatformNotSupportedException(
                        $"{EnvironmentVariable}=native: the native platform layer needs Linux; use {EnvironmentVariable}=portable on this OS.");
                }

                return new NativeSocketPal();
            case "portable":
                SocketPal? pal = null;
                CreatePortable(ref pal);
                return pal ?? throw new PlatformNotSupportedException(
                    $"{EnvironmentVariable}=portable: the portable platform layer (System.Net.Sockets) is not part of this build; use {EnvironmentVariable}=native (Linux).");
            default:
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} must be \"native\" or \"portable\" (or unset), not \"{value}\".");
        }
    }
}
