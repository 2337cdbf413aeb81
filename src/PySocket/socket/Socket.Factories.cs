namespace PySocket;

public static partial class Socket
{
    /// <summary>
    /// socket(family=-1, type=-1, proto=-1, fileno=None): a new socket object (AF_INET, SOCK_STREAM, 0 by default),
    /// or one over an existing descriptor. New descriptors are non-inheritable, and the default timeout applies.
    /// </summary>
    public static SocketObject socket(int family = -1, int type = -1, int proto = -1, int? fileno = null) =>
        new(family, type, proto, fileno);

    /// <summary>
    /// socketpair(family=None, type=SOCK_STREAM, proto=0): a pair of connected socket objects (AF_UNIX when
    /// <paramref name="family"/> is null). Both are non-inheritable and get the default timeout.
    /// </summary>
    public static (SocketObject, SocketObject) socketpair(int? family = null, int type = SOCK_STREAM, int proto = 0)
    {
        var fam = family ?? AF_UNIX;
        var pal = SocketPal.Current;
        SocketObject.Check(pal.SocketPair(fam, type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), proto, out var first, out var second));
        SocketObject? a = null;
        try
        {
            a = new SocketObject(first!, fam, type, proto);
        }
        catch
        {
            second!.CloseSocket();
            throw;
        }

        try
        {
            return (a, new SocketObject(second!, fam, type, proto));
        }
        catch
        {
            a.close();
            throw;
        }
    }

    /// <summary>fromfd(fd, family, type, proto=0): a socket object over a duplicate of <paramref name="fd"/>.</summary>
    public static SocketObject fromfd(int fd, int family, int type, int proto = 0)
    {
        var nfd = dup(fd);
        try
        {
            return new SocketObject(family, type, proto, fileno: nfd);
        }
        catch
        {
            _ = SocketPal.Current.CloseNumber(nfd);
            throw;
        }
    }

    /// <summary>dup(fd): duplicates a descriptor; the copy is non-inheritable.</summary>
    public static int dup(int fd)
    {
        SocketObject.Check(SocketPal.Current.DuplicateNumber(fd, out var nfd));
        return (int)nfd;
    }

    /// <summary>close(fd): closes a socket descriptor; ECONNRESET is ignored, other failures raise OSError.</summary>
    public static void close(int fd)
    {
        var pal = SocketPal.Current;
        var err = pal.CloseNumber(fd);
        if (err != 0 && err != pal.Errors.ConnectionReset)
        {
            throw Errors.FromPal(err);
        }
    }
}
