namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// socket(family=-1, type=-1, proto=-1, fileno=None): a new socket object (AF_INET, SOCK_STREAM, 0 by default),
    /// or one over an existing descriptor. New descriptors are non-inheritable, and the default timeout applies.
    /// </summary>
    public static SocketObject socket(int family = -1, int type = -1, int proto = -1, int? fileno = null) =>
        new(family, type, proto, fileno);
}
