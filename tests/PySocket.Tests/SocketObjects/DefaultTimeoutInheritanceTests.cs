using System;
using PySocket.Tests.Infrastructure;
using PySocket.Tests.Module;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>Which new sockets pick up setdefaulttimeout(): accept, socketpair, fromfd, socket(fileno=), dup.</summary>
[Collection(DefaultTimeoutCollection.Name)]
public sealed class DefaultTimeoutInheritanceTests
{
    private const string Setup = """
def accepted(default, listener_timeout):
    setdefaulttimeout(None)
    l = socket(); l.settimeout(5); l.bind(('127.0.0.1', 0)); l.listen()
    c = socket(); c.settimeout(5); c.connect(l.getsockname())
    l.settimeout(listener_timeout)
    setdefaulttimeout(default)
    try:
        import select; select.select([l], [], [], 5)
        s, _ = l.accept()
        return [s.gettimeout(), s.getblocking()]
    finally:
        setdefaulttimeout(None)
keep = socket()
def made(default, make):
    setdefaulttimeout(default)
    try:
        s = make()
        return s.gettimeout()
    finally:
        setdefaulttimeout(None)
""";

    private static object?[] Accepted(double? @default, double? listenerTimeout)
    {
        setdefaulttimeout(null);
        using var l = Loopback.Listener();
        using var c = socket();
        c.settimeout(5);
        c.connect(l.getsockname());
        l.settimeout(listenerTimeout);
        setdefaulttimeout(@default);
        try
        {
            if (listenerTimeout == 0)
            {
                // The queued connection may need a moment: retry the non-blocking accept (the Python side select()s).
                var deadline = DateTime.UtcNow.AddSeconds(5);
                while (true)
                {
                    try
                    {
                        var (s0, _) = l.accept();
                        using (s0)
                        {
                            return [s0.gettimeout(), s0.getblocking()];
                        }
                    }
                    catch (BlockingIOError) when (DateTime.UtcNow < deadline)
                    {
                        System.Threading.Thread.Yield();
                    }
                }
            }

            var (s, _) = l.accept();
            using (s)
            {
                return [s.gettimeout(), s.getblocking()];
            }
        }
        finally
        {
            setdefaulttimeout(null);
        }
    }

    private static double? Made(double? @default, Func<SocketObject> make)
    {
        setdefaulttimeout(@default);
        try
        {
            using var s = make();
            return s.gettimeout();
        }
        finally
        {
            setdefaulttimeout(null);
        }
    }

    [PythonFact]
    public void Accepted_and_created_sockets_take_the_default_timeout_as_python_does()
    {
        try
        {
            new DifferentialTable(Setup)
                .Case("accepted(None, 5)", () => Accepted(null, 5))
                .Case("accepted(7, 5)", () => Accepted(7, 5))
                .Case("accepted(None, None)", () => Accepted(null, null))
                .Case("accepted(2.5, None)", () => Accepted(2.5, null))
                .Case("accepted(0, 5)", () => Accepted(0, 5))
                .Case("accepted(None, 0)", () => Accepted(null, 0))
                .Case("made(2.5, lambda: socket())", () => Made(2.5, () => socket()))
                .Case("made(0, lambda: socket())", () => Made(0, () => socket()))
                .Case("made(2.5, lambda: socketpair()[0])", () => Made(2.5, () => socketpair().Item1))
                .Case("made(2.5, lambda: socketpair()[1])", () => Made(2.5, () => socketpair().Item2))
                .Case("made(2.5, lambda: fromfd(keep.fileno(), AF_INET, SOCK_STREAM))", () => Made(2.5, () => { using var s = socket(); return fromfd(s.fileno(), AF_INET, SOCK_STREAM); }))
                .Case("made(2.5, lambda: socket(fileno=dup(keep.fileno())))", () => Made(2.5, () => { using var s = socket(); return socket(fileno: dup(s.fileno())); }))
                .Case("made(2.5, lambda: (lambda s: (s.settimeout(None), s.dup())[1])(socket()))", () => Made(2.5, () => { using var s = socket(); s.settimeout(null); return s.dup(); }))
                .Case("made(None, lambda: socket(type=SOCK_STREAM | SOCK_NONBLOCK))", () => Made(null, () => socket(type: SOCK_STREAM | SOCK_NONBLOCK)))
                .Case("made(2.5, lambda: socket(type=SOCK_STREAM | SOCK_NONBLOCK))", () => Made(2.5, () => socket(type: SOCK_STREAM | SOCK_NONBLOCK)))
                .AssertSameAsPython();
        }
        finally
        {
            setdefaulttimeout(null);
        }
    }
}
