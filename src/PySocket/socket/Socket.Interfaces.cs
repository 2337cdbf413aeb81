using System.Collections.Generic;

namespace PySocket;

/// <content>The network interface index functions: glibc's if_nameindex, if_nametoindex and if_indextoname.</content>
public static unsafe partial class Socket
{
    /// <summary>if_nameindex(): every network interface as <c>(index, name)</c>, in the system's order.</summary>
    public static List<(int index, string name)> if_nameindex()
    {
        var list = Libc.IfNameIndexAll();
        if (list == null)
        {
            throw Errors.LastError();
        }

        try
        {
            var result = new List<(int index, string name)>();
            for (var p = list; p->Index != 0; p++)
            {
                result.Add(((int)p->Index, DecodeFs(p->Name)));
            }

            return result;
        }
        finally
        {
            Libc.IfFreeNameIndex(list);
        }
    }

    /// <summary>if_nametoindex(if_name): the index of a network interface, or <c>OSError('no interface with this name')</c>.</summary>
    public static int if_nametoindex(string if_name)
    {
        var name = FsEncode(if_name);
        uint index;
        fixed (byte* n = name)
        {
            index = Libc.IfNameToIndex(n);
        }

        return index == 0 ? throw Errors.Message("no interface with this name") : (int)index;
    }

    /// <summary>
    /// if_indextoname(if_index): the name of the network interface with an index; an unknown index raises
    /// <c>OSError(ENXIO)</c>, a negative one OverflowError. As in CPython 3.11, the index is cut to 32 bits.
    /// </summary>
    public static string if_indextoname(long if_index)
    {
        if (if_index < 0)
        {
            throw Errors.Overflow("can't convert negative value to unsigned int");
        }

        var buffer = stackalloc byte[Libc.IF_NAMESIZE + 1];
        if (Libc.IfIndexToName((uint)if_index, buffer) == null)
        {
            throw Errors.LastError();
        }

        return DecodeFs(buffer);
    }
}
