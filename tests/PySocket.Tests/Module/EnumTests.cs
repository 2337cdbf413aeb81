using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;

namespace PySocket.Tests.Module;

public sealed class EnumTests
{
    private static IEnumerable<int> FamilyValues => Enumerable.Range(-1, 48).Concat([128, 255, 2048, 12345, int.MaxValue, int.MinValue]);

    private static IEnumerable<int> KindValues => Enumerable.Range(-1, 14).Concat([2048, 2049, 524288, 526336, 12345, int.MinValue]);

    [PythonFact]
    public void Address_family_members_names_reprs_and_errors_match_python()
    {
        var table = new DifferentialTable();
        foreach (var n in FamilyValues)
        {
            var v = n.ToString(CultureInfo.InvariantCulture);
            table.Case($"AddressFamily({v}).name", () => AddressFamily.FromValue(n).name)
                 .Case($"repr(AddressFamily({v}))", () => AddressFamily.FromValue(n).repr())
                 .Case($"str(AddressFamily({v}))", () => AddressFamily.FromValue(n).ToString())
                 .Case($"repr(sys.modules['socket']._intenum_converter({v}, AddressFamily))", () => ((AddressFamily)n).repr())
                 .Case($"str(sys.modules['socket']._intenum_converter({v}, AddressFamily))", () => ((AddressFamily)n).ToString());
        }

        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Socket_kind_members_names_reprs_and_errors_match_python()
    {
        var table = new DifferentialTable();
        foreach (var n in KindValues)
        {
            var v = n.ToString(CultureInfo.InvariantCulture);
            table.Case($"SocketKind({v}).name", () => SocketKind.FromValue(n).name)
                 .Case($"repr(SocketKind({v}))", () => SocketKind.FromValue(n).repr())
                 .Case($"str(SocketKind({v}))", () => SocketKind.FromValue(n).ToString())
                 .Case($"repr(sys.modules['socket']._intenum_converter({v}, SocketKind))", () => ((SocketKind)n).repr())
                 .Case($"str(sys.modules['socket']._intenum_converter({v}, SocketKind))", () => ((SocketKind)n).ToString());
        }

        table.AssertSameAsPython();
    }

    [PythonFact]
    public void Enum_members_compare_and_convert_as_ints_like_python()
    {
        new DifferentialTable()
            .Case("int(AddressFamily.AF_INET6)", () => (int)AddressFamily.AF_INET6)
            .Case("AddressFamily.AF_ROUTE.name", () => AddressFamily.AF_ROUTE.name)
            .Case("AddressFamily.AF_ROUTE == AddressFamily.AF_NETLINK", () => AddressFamily.AF_ROUTE == AddressFamily.AF_NETLINK)
            .Case("repr(AddressFamily.AF_ROUTE)", () => AddressFamily.AF_ROUTE.repr())
            .Case("AddressFamily.AF_INET == 2", () => AddressFamily.AF_INET == 2)
            .Case("int(SocketKind.SOCK_CLOEXEC)", () => (int)SocketKind.SOCK_CLOEXEC)
            .Case("SocketKind.SOCK_DGRAM == 2", () => SocketKind.SOCK_DGRAM == 2)
            .Case("f'{AddressFamily.AF_UNIX}'", () => $"{AddressFamily.AF_UNIX}")
            .AssertSameAsPython();
    }

    [Fact]
    public void From_value_rejects_an_unnamed_value_with_pythons_message()
    {
        FluentActions.Invoking(() => AddressFamily.FromValue(12345)).Should().Throw<ValueError>().WithMessage("12345 is not a valid AddressFamily");
        FluentActions.Invoking(() => SocketKind.FromValue(0)).Should().Throw<ValueError>().WithMessage("0 is not a valid SocketKind");
    }

    [Fact]
    public void An_unnamed_value_is_kept_as_a_bare_number()
    {
        var family = (AddressFamily)12;
        family.name.Should().BeNull();
        family.repr().Should().Be("12");
        ((int)family).Should().Be(12);
        AddressFamily.AF_INET6.repr().Should().Be("<AddressFamily.AF_INET6: 10>");
        SocketKind.SOCK_STREAM.ToString().Should().Be("1");
    }
}
