using System;
using FluentAssertions;
using Xunit;

namespace PySocket.Tests.Architecture;

/// <summary>PYSOCKET_PLATFORM chooses the platform layer: native (Linux's default) or portable; anything else is a clear error.</summary>
public sealed class PlatformChoiceTests
{
    [Fact]
    public void The_default_on_Linux_and_native_are_the_native_layer()
    {
        SocketPal.Create(null).Name.Should().Be("native");
        SocketPal.Create("").Name.Should().Be("native");
        SocketPal.Create("native").Should().BeOfType<NativeSocketPal>();
        SocketPal.Current.Name.Should().Be(Environment.GetEnvironmentVariable(SocketPal.EnvironmentVariable) is "portable" ? "portable" : "native");
    }

    [Theory]
    [InlineData("Native")]
    [InlineData("libc")]
    [InlineData(" native")]
    public void Any_other_value_is_an_error_naming_the_variable_and_the_allowed_values(string value)
    {
        FluentActions.Invoking(() => SocketPal.Create(value)).Should().Throw<InvalidOperationException>()
            .WithMessage($"PYSOCKET_PLATFORM must be \"native\" or \"portable\" (or unset), not \"{value}\".");
    }
}
