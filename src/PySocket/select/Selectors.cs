using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace PySocket;

/// <summary>
/// Python's <c>selectors</c> module constants. Use <c>using static PySocket.Selectors;</c> for
/// <c>EVENT_READ</c>/<c>EVENT_WRITE</c>; the selectors are the classes <see cref="DefaultSelector"/>,
/// <see cref="SelectSelector"/>, <see cref="PollSelector"/>, <see cref="EpollSelector"/>, <see cref="KqueueSelector"/>.
/// </summary>
public static class Selectors
{
    /// <summary>selectors.EVENT_READ: the file object is ready for reading.</summary>
    public const int EVENT_READ = 1 << 0;

    /// <summary>selectors.EVENT_WRITE: the file object is ready for writing.</summary>
    public const int EVENT_WRITE = 1 << 1;
}

/// <summary>
/// SelectorKey(fileobj, fd, events, data): a registered file object, its descriptor, the events waited
/// for and the attached data. It deconstructs (<c>var (fileobj, fd, events, data) = key;</c>) and
/// prints as Python's namedtuple.
/// </summary>
/// <param name="fileobj">The file object registered (an int descriptor or an object with fileno()).</param>
/// <param name="fd">Its descriptor.</param>
/// <param name="events">The events waited for (EVENT_READ | EVENT_WRITE).</param>
/// <param name="data">The attached data.</param>
[SuppressMessage("Naming", "CA1716", Justification = "Python's field names")]
public sealed record SelectorKey(object fileobj, int fd, int events, object? data)
{
    /// <summary>repr(key): <c>SelectorKey(fileobj=..., fd=5, events=1, data=None)</c>.</summary>
    public override string ToString() =>
        $"SelectorKey(fileobj={SelectArgs.Repr(fileobj)}, fd={fd}, events={events}, data={SelectArgs.Repr(data)})";
}

/// <summary>
/// The read-only mapping <c>get_map()</c> returns: registered descriptors (as boxed ints) to keys. Looking
/// up accepts a file object or a descriptor, as Python's <c>_SelectorMapping</c>; an unknown one is
/// <see cref="KeyError"/>("... is not registered").
/// </summary>
public sealed class SelectorMapping : IReadOnlyDictionary<object, SelectorKey>
{
    private readonly SelectorTable _table;

    internal SelectorMapping(SelectorTable table) => _table = table;

    /// <summary>len(mapping): the number of registered file objects.</summary>
    public int Count => _table.Keys.Count;

    /// <summary>mapping[fileobj]: the key of a file object or descriptor.</summary>
    public SelectorKey this[object key] => TryGetValue(key, out var v) ? v : throw new KeyError((object)$"{SelectArgs.Repr(key)} is not registered");

    /// <summary>The registered descriptors (boxed ints), as Python's mapping iterates.</summary>
    public IEnumerable<object> Keys
    {
        get
        {
            foreach (var fd in _table.Keys.Keys)
            {
                yield return fd;
            }
        }
    }

    /// <summary>mapping.values(): the selector keys.</summary>
    public IEnumerable<SelectorKey> Values => _table.Keys.Values;

    /// <summary><c>fileobj in mapping</c>.</summary>
    public bool ContainsKey(object key) => TryGetValue(key, out _);

    /// <summary>Looks a file object or descriptor up.</summary>
    public bool TryGetValue(object key, [MaybeNullWhen(false)] out SelectorKey value)
    {
        value = null;
        return _table.TryLookup(key, out var fd) && _table.Keys.TryGetValue(fd, out value);
    }

    /// <summary>(fd, key) pairs.</summary>
    public IEnumerator<KeyValuePair<object, SelectorKey>> GetEnumerator()
    {
        foreach (var (fd, key) in _table.Keys)
        {
            yield return new KeyValuePair<object, SelectorKey>(fd, key);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>CPython's _BaseSelectorImpl bookkeeping: descriptor to key, shared by every selector here.</summary>
internal sealed class SelectorTable
{
    public Dictionary<int, SelectorKey> Keys { get; } = new();

    /// <summary>The socket handle behind each registered descriptor (null for a bare number), held by the selector for each wait.</summary>
    public Dictionary<int, SocketHandle?> Handles { get; } = new();

    public SelectorMapping? Map { get; set; }

    public SelectorTable() => Map = new SelectorMapping(this);

    /// <summary>selectors._fileobj_to_fd: ValueError("Invalid file object: ...") / ("Invalid file descriptor: -1").</summary>
    public static int FileobjToFd(object fileobj)
    {
        int fd;
        if (fileobj is int i)
        {
            fd = i;
        }
        else
        {
            try
            {
                fd = fileobj switch
                {
                    long l => checked((int)l),
                    SocketObject s => s.fileno(),
                    IOBase f => f.fileno(),
                    BaseServer b => b.fileno(),
                    IFileno f => f.fileno(),
                    _ => throw Errors.Type("no fileno"),
                };
            }
            catch (Exception e) when (e is ArgumentException or UnsupportedOperation or OverflowException)
            {
                throw Errors.Value($"Invalid file object: {SelectArgs.Repr(fileobj)}");
            }
        }

        if (fd < 0)
        {
            throw Errors.Value($"Invalid file descriptor: {fd}");
        }

        return fd;
    }

    /// <summary>_fileobj_lookup: the descriptor, or an exhaustive search for an object registered before it was closed.</summary>
    public int Lookup(object fileobj)
    {
        try
        {
            return FileobjToFd(fileobj);
        }
        catch (ValueError)
        {
            foreach (var key in Keys.Values)
            {
                if (ReferenceEquals(key.fileobj, fileobj))
                {
                    return key.fd;
                }
            }

            throw;
        }
    }

    public bool TryLookup(object fileobj, out int fd)
    {
        fd = Lookup(fileobj);
        return true;
    }

    public SelectorKey Register(object fileobj, int events, object? data)
    {
        if (events == 0 || (events & ~(Selectors.EVENT_READ | Selectors.EVENT_WRITE)) != 0)
        {
            throw Errors.Value($"Invalid events: {events}");
        }

        var key = new SelectorKey(fileobj, Lookup(fileobj), events, data);
        if (Keys.ContainsKey(key.fd))
        {
            throw new KeyError((object)$"{SelectArgs.Repr(fileobj)} (FD {key.fd}) is already registered");
        }

        Keys[key.fd] = key;
        Handles[key.fd] = SelectArgs.HandleOf(fileobj, key.fd);
        return key;
    }

    public SelectorKey Unregister(object fileobj)
    {
        if (!Keys.Remove(Lookup(fileobj), out var key))
        {
            throw NotRegistered(fileobj);
        }

        Handles.Remove(key.fd);
        return key;
    }

    public SelectorKey Get(object fileobj) =>
        Keys.TryGetValue(Lookup(fileobj), out var key) ? key : throw NotRegistered(fileobj);

    public SelectorKey? FromFd(int fd) => Keys.TryGetValue(fd, out var key) ? key : null;

    /// <summary>The handle registered with <paramref name="fd"/>, if any.</summary>
    public SocketHandle? HandleOf(int fd) => Handles.TryGetValue(fd, out var handle) ? handle : null;

    public static KeyError NotRegistered(object fileobj) => new((object)$"{SelectArgs.Repr(fileobj)} is not registered");

    public void Close()
    {
        Keys.Clear();
        Handles.Clear();
        Map = null;
    }
}

/// <summary>
/// selectors.BaseSelector: registers file objects (descriptors or objects with fileno()) for
/// EVENT_READ/EVENT_WRITE and waits for them. Disposing is <c>close()</c> (Python's <c>with</c>).
/// </summary>
public abstract class BaseSelector : IDisposable
{
    /// <summary>register(fileobj, events, data=None): ValueError for bad events or file object, KeyError if already registered.</summary>
    public abstract SelectorKey register(object fileobj, int events, object? data = null);

    /// <summary>unregister(fileobj): the removed key; KeyError if not registered (a closed registered object still unregisters).</summary>
    public abstract SelectorKey unregister(object fileobj);

    /// <summary>modify(fileobj, events, data=None): changes the events or data; KeyError if not registered.</summary>
    public virtual SelectorKey modify(object fileobj, int events, object? data = null)
    {
        unregister(fileobj);
        return register(fileobj, events, data);
    }

    /// <summary>
    /// select(timeout=None): waits until some registered file objects are ready or the timeout expires;
    /// returns (key, events) pairs. timeout &lt;= 0 polls, null blocks.
    /// </summary>
    public abstract List<(SelectorKey key, int events)> select(double? timeout = null);

    /// <summary>close(): frees the selector's resources; afterwards get_map() is null.</summary>
    public virtual void close()
    {
    }

    /// <summary>get_key(fileobj): the key; KeyError if not registered, RuntimeError (InvalidOperationException) once closed.</summary>
    public virtual SelectorKey get_key(object fileobj)
    {
        var mapping = get_map() ?? throw new InvalidOperationException("Selector is closed");
        return mapping.TryGetValue(fileobj, out var key) ? key : throw SelectorTable.NotRegistered(fileobj);
    }

    /// <summary>get_map(): a read-only mapping of descriptors to keys, or null once closed.</summary>
    public abstract SelectorMapping? get_map();

    /// <summary>Dispose(): <c>close()</c>, the end of Python's <c>with</c> block.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Dispose(disposing): <c>close()</c> when disposing; a subclass that holds more releases it here.</summary>
    /// <param name="disposing">true from <see cref="Dispose()"/>; false from a finaliser.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            close();
        }
    }

    // Python's events from a poll-style mask: anything but the read bit means writable, anything but the write bit readable.
    internal static int FromPollMask(uint mask, uint readBit, uint writeBit)
    {
        var events = 0;
        if ((mask & ~readBit) != 0)
        {
            events |= Selectors.EVENT_WRITE;
        }

        if ((mask & ~writeBit) != 0)
        {
            events |= Selectors.EVENT_READ;
        }

        return events;
    }
}
