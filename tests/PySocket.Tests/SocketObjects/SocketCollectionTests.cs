using System;
using System.Runtime.CompilerServices;
using FluentAssertions;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.SocketObjects;

/// <summary>Descriptor numbers freed here could be reused by parallel tests, so these run alone.</summary>
[Collection(SocketTimingCollection.Name)]
public sealed class SocketCollectionTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int AbandonedSocketDescriptor() => socket(AF_INET, SOCK_DGRAM).fileno();

    [Fact]
    public void An_unclosed_socket_object_closes_its_descriptor_when_collected()
    {
        var fd = AbandonedSocketDescriptor();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var act = () => socket(fileno: fd);
        act.Should().Throw<OSError>().Which.errno.Should().Be(9);
    }

    [Fact]
    public void A_detached_descriptor_survives_the_collection_of_its_old_object()
    {
        var fd = Detach();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var s = socket(fileno: fd);
        s.type.Should().Be(SocketKind.SOCK_DGRAM);

        [MethodImpl(MethodImplOptions.NoInlining)]
        static int Detach() => socket(AF_INET, SOCK_DGRAM).detach();
    }
}
