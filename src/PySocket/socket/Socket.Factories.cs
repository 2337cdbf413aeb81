using System.Runtime.InteropServices;

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
    public static unsafe (SocketObject, SocketObject) socketpair(int? family = null, int type = SOCK_STREAM, int proto = 0)
    {
        var fam = family ?? AF_UNIX;
        var fds = stackalloc int[2];
        if (Libc.SocketPair(fam, type | SOCK_CLOEXEC, proto, fds) < 0)
        {
            throw Errors.LastError();
        }

        SocketObject? a = null;
        try
        {
            a = new SocketObject(fds[0], fam, type, proto);
            return (a, new SocketObject(fds[1], fam, type, proto));
        }
        catch
        {
            if (a is null)
            {
                Libc.Close(fds[0]);
            }
            else
            {
                a.close();
            }

            Libc.Close(fds[1]);
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
            Libc.Close(nfd);
            throw;
        }
    }

    /// <summary>dup(fd): duplicates a descriptor; the copy is non-inheritable.</summary>
    public static int dup(int fd)
    {
        var nfd = Libc.Fcntl(fd, Libc.F_DUPFD_CLOEXEC, 0);
        return nfd < 0 ? throw Errors.LastError() : nfd;
    }

    /// <summary>close(fd): closes a socket descriptor; ECONNRESET is ignored, other failures raise OSError.</summary>
    public static void close(int fd)
    {
        if (Libc.Close(fd) < 0)
        {
            var err = Marshal.GetLastPInvokeError();
            if (err != Errno.ECONNRESET)
            {
                throw Errors.FromErrno(err);
            }
        }
    }
}
