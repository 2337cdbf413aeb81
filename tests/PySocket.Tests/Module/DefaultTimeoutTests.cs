using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

[Collection(DefaultTimeoutCollection.Name)]
public sealed class DefaultTimeoutTests
{
    [Fact]
    public void The_default_timeout_round_trips_as_seconds()
    {
        try
        {
            setdefaulttimeout(2.5);
            getdefaulttimeout().Should().Be(2.5);
            setdefaulttimeout(null);
            getdefaulttimeout().Should().BeNull();
        }
        finally
        {
            setdefaulttimeout(null);
        }
    }

    [PythonFact]
    public void Setdefaulttimeout_validates_like_python()
    {
        try
        {
            new DifferentialTable()
                .Case("(setdefaulttimeout(2.5), getdefaulttimeout())[1]", () => { setdefaulttimeout(2.5); return getdefaulttimeout(); })
                .Case("(setdefaulttimeout(0), getdefaulttimeout())[1]", () => { setdefaulttimeout(0); return getdefaulttimeout(); })
                .Case("(setdefaulttimeout(-0.0), getdefaulttimeout())[1]", () => { setdefaulttimeout(-0.0); return getdefaulttimeout(); })
                .Case("(setdefaulttimeout(1e-10), getdefaulttimeout())[1]", () => { setdefaulttimeout(1e-10); return getdefaulttimeout(); })
                .Case("(setdefaulttimeout(9.2e9), getdefaulttimeout())[1]", () => { setdefaulttimeout(9.2e9); return getdefaulttimeout(); })
                .Case("(setdefaulttimeout(None), getdefaulttimeout())[1]", () => { setdefaulttimeout(null); return getdefaulttimeout(); })
                .Case("setdefaulttimeout(-1)", () => setdefaulttimeout(-1))
                .Case("setdefaulttimeout(-1e-12)", () => setdefaulttimeout(-1e-12))
                .Case("setdefaulttimeout(float('nan'))", () => setdefaulttimeout(double.NaN))
                .Case("setdefaulttimeout(float('inf'))", () => setdefaulttimeout(double.PositiveInfinity))
                .Case("setdefaulttimeout(float('-inf'))", () => setdefaulttimeout(double.NegativeInfinity))
                .Case("setdefaulttimeout(1e300)", () => setdefaulttimeout(1e300))
                .Case("setdefaulttimeout(9.3e9)", () => setdefaulttimeout(9.3e9))
                .AssertSameAsPython();
        }
        finally
        {
            setdefaulttimeout(null);
        }
    }
}

/// <summary>Tests that change the process-wide default timeout run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultTimeoutCollection
{
    public const string Name = "Process-wide default timeout";
}
