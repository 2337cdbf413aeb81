namespace PySocket;

public partial class SocketObject
{
    /// <summary>dup(): a new socket object over a duplicate (non-inheritable) descriptor, with the same family, type, proto and timeout.</summary>
    public SocketObject dup()
    {
        var newFd = Socket.dup(CheckOpen());
        SocketObject copy;
        try
        {
            copy = new SocketObject(newFd, family.value, type.value, proto);
        }
        catch
        {
            Libc.Close(newFd);
            throw;
        }

        copy.settimeout(gettimeout());
        return copy;
    }

    /// <summary>get_inheritable(): true when the descriptor survives exec (FD_CLOEXEC is clear).</summary>
    public bool get_inheritable()
    {
        var flags = Libc.Fcntl(CheckOpen(), Libc.F_GETFD, 0);
        return flags < 0 ? throw Errors.LastError() : (flags & Libc.FD_CLOEXEC) == 0;
    }

    /// <summary>set_inheritable(inheritable): sets or clears FD_CLOEXEC on the descriptor.</summary>
    public void set_inheritable(bool inheritable)
    {
        var fd = CheckOpen();
        var flags = Libc.Fcntl(fd, Libc.F_GETFD, 0);
        if (flags < 0)
        {
            throw Errors.LastError();
        }

        var wanted = inheritable ? flags & ~Libc.FD_CLOEXEC : flags | Libc.FD_CLOEXEC;
        if (wanted != flags && Libc.Fcntl(fd, Libc.F_SETFD, wanted) < 0)
        {
            throw Errors.LastError();
        }
    }
}
