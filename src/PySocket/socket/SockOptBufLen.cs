namespace PySocket;

/// <summary>
/// The buflen argument 0 of <c>getsockopt(level, optname, 0)</c>, which Python answers with the option's int
/// value. C# picks the overload by type, so the constant <c>0</c> converts to this enum and
/// <see cref="SocketObject.getsockopt(int, int, SockOptBufLen)"/> returns an int, as in Python; any other
/// length goes to <see cref="SocketObject.getsockopt(int, int, int)"/> and returns bytes.
/// </summary>
public enum SockOptBufLen
{
    /// <summary>buflen 0: the int form (the same as <c>getsockopt(level, optname)</c>).</summary>
    IntForm = 0,
}
