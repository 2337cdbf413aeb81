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
    /// <remarks>
    /// On Windows (no socketpair(2), no AF_UNIX in CPython) this is CPython's <c>_fallback_socketpair</c>: a null
    /// family means AF_INET, the pair is a loopback TCP connection (the accepted side first), and any other family,
    /// type or protocol raises CPython's ValueError ("Only AF_INET and AF_INET6 socket address families are
    /// supported", "Only SOCK_STREAM socket type is supported", "Only protocol zero is supported").
    /// </remarks>
    public static (SocketObject, SocketObject) socketpair(int? family = null, int type = SOCK_STREAM, int proto = 0)
    {
        var fam = family ?? DefaultPairFamily;
        if (OsTables.Current == OsKind.Windows)
        {
            CheckFallbackPair(fam, type, proto);
        }

        var pal = SocketPal.Current;
        var err = pal.SocketPair(fam, type & FlagsMask, proto, out var first, out var second);
        if (SocketObject.CollectForDescriptors(err))
        {
            err = pal.SocketPair(fam, type & FlagsMask, proto, out first, out second);
        }

        SocketObject.Check(err);
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

    /// <summary>socketpair()'s default family: AF_UNIX where CPython has it, else AF_INET (socket.py's <c>except NameError</c>).</summary>
    internal static int DefaultPairFamily => ConstantTable.AF_UNIX != OsTables.AbsentInt ? ConstantTable.AF_UNIX : AF_INET;

    // SOCK_NONBLOCK and SOCK_CLOEXEC are type flags only where the OS has them (Linux).
    private static int FlagsMask =>
        ~((ConstantTable.SOCK_NONBLOCK == OsTables.AbsentInt ? 0 : ConstantTable.SOCK_NONBLOCK)
          | (ConstantTable.SOCK_CLOEXEC == OsTables.AbsentInt ? 0 : ConstantTable.SOCK_CLOEXEC));

    /// <summary>The checks of CPython's <c>_fallback_socketpair</c> (Lib/socket.py, the socketpair of Windows), in its order.</summary>
    internal static void CheckFallbackPair(int family, int type, int proto)
    {
        if (family != AF_INET && family != ConstantTable.AF_INET6)
        {
            throw Errors.Value("Only AF_INET and AF_INET6 socket address families are supported");
        }

        if (type != SOCK_STREAM)
        {
            throw Errors.Value("Only SOCK_STREAM socket type is supported");
        }

        if (proto != 0)
        {
            throw Errors.Value("Only protocol zero is supported");
        }
    }
}
