using System;
using System.Linq;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

/// <summary>
/// create_connection with the timeout omitted (Python's _GLOBAL_DEFAULT_TIMEOUT) and other keywords given: the
/// sockets keep the default timeout, as in Python. Changes the process-wide default, so runs alone.
/// </summary>
[Collection(DefaultTimeoutCollection.Name)]
public sealed class CreateConnectionShapeTests
{
    [PythonFact]
    public void Keywords_without_the_timeout_keep_the_default_timeout_as_in_python()
    {
        var python = Python.Run("""
from socket import *
setdefaulttimeout(3.5)
try:
    srv = create_server(('127.0.0.1', 0))
    addr = srv.getsockname()
    a = create_connection(addr, source_address=('127.0.0.1', 0))
    b = create_connection(addr, all_errors=True)
    c = create_connection(addr, all_errors=True, source_address=('127.0.0.1', 0))
    d = create_connection(addr, None)
    e = create_connection(addr)
    print(a.gettimeout(), b.gettimeout(), c.gettimeout(), d.gettimeout(), e.gettimeout(), a.getsockname()[0])
    for s in (a, b, c, d, e, srv): s.close()
    closed = socket(); closed.bind(('127.0.0.1', 0)); port = closed.getsockname()[1]
    try:
        create_connection(('127.0.0.1', port), all_errors=True)
    except ExceptionGroup as eg:
        print(type(eg).__name__, eg, [type(x).__name__ for x in eg.exceptions])
    closed.close()
finally:
    setdefaulttimeout(None)
""", TimeSpan.FromSeconds(30)).Split('\n');

        setdefaulttimeout(3.5);
        try
        {
            using var srv = create_server(("127.0.0.1", 0));
            var addr = srv.getsockname();
            using var a = create_connection(addr, source_address: ("127.0.0.1", 0));
            using var b = create_connection(addr, all_errors: true);
            using var c = create_connection(addr, all_errors: true, source_address: ("127.0.0.1", 0));
            using var d = create_connection(addr, null);
            using var e = create_connection(addr);
            string T(SocketObject s) => s.gettimeout() is double t ? t.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None";
            $"{T(a)} {T(b)} {T(c)} {T(d)} {T(e)} {a.getsockname().host}".Should().Be(python[0]);

            using var closed = socket();
            closed.bind(("127.0.0.1", 0));
            var port = closed.getsockname().port;
            var eg = FluentActions.Invoking(() => create_connection(("127.0.0.1", port), all_errors: true)).Should().Throw<ExceptionGroup>().Which;
            $"ExceptionGroup {eg.Message} ['{string.Join("', '", eg.exceptions.Select(x => x.GetType().Name))}']".Should().Be(python[1]);
        }
        finally
        {
            setdefaulttimeout(null);
        }
    }
}
