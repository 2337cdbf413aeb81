using System.Collections.Generic;

namespace PySocket;

/// <content>The network interface index functions: the OS's if_nameindex, if_nametoindex and if_indextoname.</content>
public static partial class Socket
{
    /// <summary>if_nameindex(): every network interface as <c>(index, name)</c>, in the system's order.</summary>
    public static List<(int index, string name)> if_nameindex()
    {
        var interfaces = new List<(uint Index, byte[] Name)>();
        var error = NamePal.Current.IfNameIndex(interfaces);
        if (error != 0)
        {
            throw Errors.FromErrno(error);
        }

        var result = new List<(int index, string name)>(interfaces.Count);
        foreach (var (index, name) in interfaces)
        {
            result.Add(((int)index, CStrings.DecodeFs(name)));
        }

        return result;
    }

    /// <summary>if_nametoindex(if_name): the index of a network interface, or <c>OSError('no interface with this name')</c>.</summary>
    public static int if_nametoindex(string if_name)
    {
        var index = NamePal.Current.IfNameToIndex(CStrings.FsEncode(if_name));
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

        var error = NamePal.Current.IfIndexToName((uint)if_index, out var name);
        return error != 0 ? throw Errors.FromErrno(error) : CStrings.DecodeFs(name);
    }
}
