using System;
using System.Globalization;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

public sealed class ByteOrderTests
{
    // In range, at the 16/32-bit edges, at the C int and C long edges, and negative.
    private static readonly long[] Inputs =
    [
        0, 1, 80, 255, 256, 0x1234, 0x7fff, 0x8000, 65535, 65536, 70000, 0x12345678, int.MaxValue,
        (long)int.MaxValue + 1, uint.MaxValue, (long)uint.MaxValue + 1, 1L << 40, long.MaxValue,
        -1, -80, short.MinValue, int.MinValue, (long)int.MinValue - 1, long.MinValue,
    ];

    [PythonFact]
    public void Byte_order_conversions_match_python_for_every_input_and_error()
    {
        var table = new DifferentialTable();
        foreach (var x in Inputs)
        {
            var py = x.ToString(CultureInfo.InvariantCulture);
            table.Case($"htons({py})", () => htons(x))
                 .Case($"ntohs({py})", () => ntohs(x))
                 .Case($"htonl({py})", () => htonl(x))
                 .Case($"ntohl({py})", () => ntohl(x));
        }

        table.Count.Should().Be(Inputs.Length * 4);
        table.AssertSameAsPython();
    }

    [Fact]
    public void Htons_swaps_the_two_bytes_of_a_port()
    {
        int order = htons(80);
        order.Should().Be(0x5000);
        ntohs(order).Should().Be(80);
    }

    [Fact]
    public void Htonl_and_ntohl_are_inverse_over_the_32_bit_range()
    {
        foreach (var x in new long[] { 0, 1, 0x01020304, 0x7f000001, uint.MaxValue })
        {
            ntohl(htonl(x)).Should().Be(x);
        }

        htonl(0x7f000001).Should().Be(0x0100007f);
    }

    [Fact]
    public void Out_of_range_values_raise_overflow_error_with_pythons_message()
    {
        FluentActions.Invoking(() => htons(70000)).Should().Throw<OverflowException>()
            .WithMessage("htons: Python int too large to convert to C 16-bit unsigned integer");
        FluentActions.Invoking(() => ntohs(-1)).Should().Throw<OverflowException>()
            .WithMessage("ntohs: can't convert negative Python int to C 16-bit unsigned integer");
        FluentActions.Invoking(() => htonl(-1)).Should().Throw<OverflowException>()
            .WithMessage("can't convert negative value to unsigned int");
        FluentActions.Invoking(() => ntohl(1L << 32)).Should().Throw<OverflowException>()
            .WithMessage("int larger than 32 bits");
    }
}
