using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

public sealed class HostDbTests
{
    [PythonFact]
    public void Gethostbyname_matches_python()
    {
        new DifferentialTable("H = gethostname()")
            .Case("gethostbyname('localhost')", () => gethostbyname("localhost"))
            .Case("gethostbyname(H)", () => gethostbyname(gethostname()))
            .Case("gethostbyname('127.0.0.1')", () => gethostbyname("127.0.0.1"))
            .Case("gethostbyname('1.2.3.4')", () => gethostbyname("1.2.3.4"))
            .Case("gethostbyname('0.0.0.0')", () => gethostbyname("0.0.0.0"))
            .Case("gethostbyname('')", () => gethostbyname(""))
            .Case("gethostbyname('<broadcast>')", () => gethostbyname("<broadcast>"))
            .Case("gethostbyname('255.255.255.255')", () => gethostbyname("255.255.255.255"))
            .Case("gethostbyname('0x7f.1')", () => gethostbyname("0x7f.1"))
            .Case("gethostbyname('127.1')", () => gethostbyname("127.1"))
            .Case("gethostbyname('::1')", () => gethostbyname("::1"))
            .Case("gethostbyname('fe80::1%lo')", () => gethostbyname("fe80::1%lo"))
            .Case("gethostbyname('a\\x00')", () => gethostbyname("a\0"))
            .Case("gethostbyname('127.0.0.1\\x00junk')", () => gethostbyname("127.0.0.1\0junk"))
            .Case("gethostbyname('a..b')", () => gethostbyname("a..b"))
            .Case("gethostbyname('a' * 64)", () => gethostbyname(new string('a', 64)))
            .Case("gethostbyname(None)", () => gethostbyname(null!))
            .Case("gethostbyname('\\ud800')", () => gethostbyname("\ud800"))
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Gethostbyname_ex_and_gethostbyaddr_match_python()
    {
        new DifferentialTable("H = gethostname()")
            .Case("gethostbyname_ex('localhost')", () => gethostbyname_ex("localhost"))
            .Case("gethostbyname_ex(H)", () => gethostbyname_ex(gethostname()))
            .Case("gethostbyname_ex('127.0.0.1')", () => gethostbyname_ex("127.0.0.1"))
            .Case("gethostbyname_ex('1.2.3.4')", () => gethostbyname_ex("1.2.3.4"))
            .Case("gethostbyname_ex('127.1')", () => gethostbyname_ex("127.1"))
            .Case("gethostbyname_ex('')", () => gethostbyname_ex(""))
            .Case("gethostbyname_ex('<broadcast>')", () => gethostbyname_ex("<broadcast>"))
            .Case("gethostbyname_ex('::1')", () => gethostbyname_ex("::1"))
            .Case("gethostbyname_ex('a\\x00')", () => gethostbyname_ex("a\0"))
            .Case("gethostbyname_ex('a..b')", () => gethostbyname_ex("a..b"))
            .Case("gethostbyaddr('127.0.0.1')", () => gethostbyaddr("127.0.0.1"))
            .Case("gethostbyaddr('localhost')", () => gethostbyaddr("localhost"))
            .Case("gethostbyaddr(H)", () => gethostbyaddr(gethostname()))
            .Case("gethostbyaddr('127.0.0.2')", () => gethostbyaddr("127.0.0.2"))
            .Case("gethostbyaddr('::1')", () => gethostbyaddr("::1"))
            .Case("gethostbyaddr('')", () => gethostbyaddr(""))
            .Case("gethostbyaddr('<broadcast>')", () => gethostbyaddr("<broadcast>"))
            .Case("gethostbyaddr('127.1')", () => gethostbyaddr("127.1"))
            .Case("gethostbyaddr('a\\x00')", () => gethostbyaddr("a\0"))
            .Case("gethostbyaddr('a..b')", () => gethostbyaddr("a..b"))
            .Case("gethostbyname_ex(None)", () => gethostbyname_ex(null!))
            .Case("gethostbyaddr(None)", () => gethostbyaddr(null!))
            .AssertSameAsPython();
    }

    [PythonFact]
    public void Getfqdn_gethostname_and_sethostname_match_python()
    {
        new DifferentialTable("H = gethostname()")
            .Case("gethostname()", () => gethostname())
            .Case("getfqdn()", () => getfqdn())
            .Case("getfqdn('')", () => getfqdn(""))
            .Case("getfqdn('0.0.0.0')", () => getfqdn("0.0.0.0"))
            .Case("getfqdn('::')", () => getfqdn("::"))
            .Case("getfqdn('localhost')", () => getfqdn("localhost"))
            .Case("getfqdn('  localhost\\n')", () => getfqdn("  localhost\n"))
            .Case("getfqdn('\\x1clocalhost\\u3000')", () => getfqdn("\x1clocalhost\u3000"))
            .Case("getfqdn('127.0.0.1')", () => getfqdn("127.0.0.1"))
            .Case("getfqdn('::1')", () => getfqdn("::1"))
            .Case("getfqdn(H)", () => getfqdn(gethostname()))
            .Case("getfqdn('a..b')", () => getfqdn("a..b"))
            .Case("sethostname('x' * 100)", () => sethostname(new string('x', 100)))
            .Case("sethostname('a\\x00b')", () => sethostname("a\0b"))
            .Case("sethostname(None)", () => sethostname(null!))
            .AssertSameAsPython();
    }

    [Fact]
    public void Gethostbyname_ex_deconstructs_into_name_aliases_and_addresses()
    {
        var (name, aliases, addresses) = gethostbyname_ex("127.0.0.1");
        name.Should().Be("127.0.0.1");
        aliases.Should().BeEmpty();
        addresses.Should().Equal("127.0.0.1");
    }

    [Fact]
    public void Gethostbyname_maps_the_empty_name_and_broadcast()
    {
        gethostbyname("").Should().Be("0.0.0.0");
        gethostbyname("<broadcast>").Should().Be("255.255.255.255");
    }

    [Fact]
    public void Gethostbyname_rejects_an_embedded_nul_with_type_error()
    {
        var act = () => gethostbyname("local\0host");
        act.Should().Throw<TypeError>().WithMessage("gethostbyname() argument 1 must be encoded string without null bytes, not str");
    }

    [Fact]
    public void Getfqdn_of_null_raises_type_error_with_pythons_attribute_error_message()
    {
        var act = () => getfqdn(null!);
        act.Should().Throw<TypeError>().WithMessage("'NoneType' object has no attribute 'strip'");
    }

    [Fact]
    public void Gethostname_is_not_empty()
    {
        gethostname().Should().NotBeEmpty();
    }
}
