using System.Linq;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

public sealed class InterfacesTests
{
    [PythonFact]
    public void Interface_functions_match_python()
    {
        new DifferentialTable()
            .Case("if_nameindex()", () => if_nameindex())
            .Case("[if_indextoname(i) for i, _ in if_nameindex()]", () => if_nameindex().Select(e => if_indextoname(e.index)).ToList())
            .Case("[if_nametoindex(n) for _, n in if_nameindex()]", () => if_nameindex().Select(e => if_nametoindex(e.name)).ToList())
            .Case("if_nametoindex('lo')", () => if_nametoindex("lo"))
            .Case("if_nametoindex('nosuchif0')", () => if_nametoindex("nosuchif0"))
            .Case("if_nametoindex('')", () => if_nametoindex(""))
            .Case("if_nametoindex('x' * 40)", () => if_nametoindex(new string('x', 40)))
            .Case("if_nametoindex('lo\\x00')", () => if_nametoindex("lo\0"))
            .Case("if_nametoindex(None)", () => if_nametoindex(null!))
            .Case("if_indextoname(1)", () => if_indextoname(1))
            .Case("if_indextoname(0)", () => if_indextoname(0))
            .Case("if_indextoname(100000)", () => if_indextoname(100000))
            .Case("if_indextoname(2**31)", () => if_indextoname(1L << 31))
            .Case("if_indextoname(2**32)", () => if_indextoname(1L << 32))
            .Case("if_indextoname(2**32 + 1)", () => if_indextoname((1L << 32) + 1))
            .Case("if_indextoname(-1)", () => if_indextoname(-1))
            .AssertSameAsPython();
    }

    [Fact]
    public void If_nameindex_deconstructs_into_index_and_name_and_round_trips()
    {
        foreach (var (index, ifname) in if_nameindex())
        {
            if_indextoname(index).Should().Be(ifname);
            if_nametoindex(ifname).Should().Be(index);
        }
    }

    [Fact]
    public void If_nametoindex_raises_os_error_for_an_unknown_name()
    {
        var act = () => if_nametoindex("no-such-if");
        act.Should().Throw<OSError>().Which.Message.Should().Be("no interface with this name");
    }
}
