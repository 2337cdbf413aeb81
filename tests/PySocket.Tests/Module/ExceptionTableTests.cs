using System.Globalization;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;

namespace PySocket.Tests.Module;

public sealed class ExceptionTableTests
{
    private static object?[] Describe(OSError e) => [e.GetType().Name, e.errno, e.strerror, e.Message];

    [PythonFact]
    public void From_errno_picks_pythons_class_errno_strerror_and_message_for_every_linux_errno()
    {
        var table = new DifferentialTable("def describe(e): return (type(e).__name__, e.errno, e.strerror, str(e))");
        for (var n = 1; n <= 133; n++)
        {
            var errno = n;
            var v = n.ToString(CultureInfo.InvariantCulture);
            table.Case($"describe(OSError({v}, os.strerror({v})))", () => Describe(OSError.FromErrno(errno)));
        }

        table.Count.Should().Be(133);
        table.AssertSameAsPython();
    }

    [PythonFact]
    public void From_errno_with_an_explicit_text_keeps_it_as_python_does()
    {
        var table = new DifferentialTable("def describe(e): return (type(e).__name__, e.errno, e.strerror, str(e))");
        foreach (var n in new[] { 11, 32, 104, 110, 111, 9, 22 })
        {
            var errno = n;
            table.Case($"describe(OSError({n.ToString(CultureInfo.InvariantCulture)}, 'custom text'))", () => Describe(OSError.FromErrno(errno, "custom text")));
        }

        table.AssertSameAsPython();
    }

    [Fact]
    public void Connection_errors_share_the_connection_error_base_class()
    {
        OSError.FromErrno(111).Should().BeOfType<ConnectionRefusedError>().And.BeAssignableTo<ConnectionError>();
        OSError.FromErrno(104).Should().BeOfType<ConnectionResetError>().And.BeAssignableTo<ConnectionError>();
        OSError.FromErrno(103).Should().BeOfType<ConnectionAbortedError>().And.BeAssignableTo<ConnectionError>();
        OSError.FromErrno(32).Should().BeOfType<BrokenPipeError>().And.BeAssignableTo<ConnectionError>();
    }

    [Fact]
    public void The_message_is_pythons_str_of_the_error()
    {
        var e = OSError.FromErrno(111);
        e.Message.Should().Be("[Errno 111] Connection refused");
        e.errno.Should().Be(111);
        e.strerror.Should().Be("Connection refused");
        OSError.FromErrno(11).Should().BeOfType<BlockingIOError>();
        OSError.FromErrno(110).Should().BeOfType<TimeoutError>();
    }
}
