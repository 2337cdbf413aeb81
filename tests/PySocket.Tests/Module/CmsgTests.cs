using System;
using System.Globalization;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

public sealed class CmsgTests
{
    private static readonly long[] Inputs =
    [
        0, 1, 4, 7, 8, 9, 12, 15, 16, 17, 100, 1000, 65536,
        int.MaxValue - 25, int.MaxValue - 24, int.MaxValue - 23, int.MaxValue - 17, int.MaxValue - 16, int.MaxValue - 15,
        int.MaxValue, (long)int.MaxValue + 1, uint.MaxValue, 1L << 40, long.MaxValue,
        -1, int.MinValue, long.MinValue,
    ];

    [PythonFact]
    public void Cmsg_len_and_cmsg_space_match_python_including_the_range_limits()
    {
        var table = new DifferentialTable();
        foreach (var n in Inputs)
        {
            var py = n.ToString(CultureInfo.InvariantCulture);
            table.Case($"CMSG_LEN({py})", () => CMSG_LEN(n))
                 .Case($"CMSG_SPACE({py})", () => CMSG_SPACE(n));
        }

        table.AssertSameAsPython();
    }

    [Fact]
    public void Cmsg_space_pads_the_data_to_eight_bytes_and_cmsg_len_does_not()
    {
        CMSG_LEN(4).Should().Be(20);
        CMSG_SPACE(4).Should().Be(24);
        CMSG_SPACE(8).Should().Be(24);
        CMSG_SPACE(9).Should().Be(32);
    }

    [Fact]
    public void A_negative_length_raises_overflow_error()
    {
        FluentActions.Invoking(() => CMSG_LEN(-1)).Should().Throw<OverflowException>().WithMessage("CMSG_LEN() argument out of range");
        FluentActions.Invoking(() => CMSG_SPACE(-1)).Should().Throw<OverflowException>().WithMessage("CMSG_SPACE() argument out of range");
    }
}
