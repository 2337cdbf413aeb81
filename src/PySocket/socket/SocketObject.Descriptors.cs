namespace PySocket;

public partial class SocketObject
{
    /// <summary>dup(): a new socket object over a duplicate (non-inheritable) descriptor, with the same family, type, proto and timeout.</summary>
    public SocketObject dup()
    {
        Check(Pal.Duplicate(CheckOpen(), out var copyHandle));
        var copy = new SocketObject(copyHandle!, family.value, type.value, proto);
        copy.settimeout(gettimeout());
        return copy;
    }

    /// <summary>get_inheritable(): true when the descriptor survives exec (FD_CLOEXEC is clear).</summary>
    public bool get_inheritable()
    {
        Check(Pal.GetInheritable(CheckOpen(), out var inheritable));
        return inheritable;
    }

    /// <summary>set_inheritable(inheritable): sets or clears FD_CLOEXEC on the descriptor.</summary>
    public void set_inheritable(bool inheritable) => Check(Pal.SetInheritable(CheckOpen(), inheritable));
}
