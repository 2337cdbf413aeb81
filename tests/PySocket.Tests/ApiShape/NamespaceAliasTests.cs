// This file imports both System.Net.Sockets and PySocket, whose Socket and AddressFamily collide (CS0104);
// the alias lines below are the ones the README shows. That it compiles is half of the test.
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using PySocket;
using Xunit;
using static PySocket.Socket;
using AddressFamily = PySocket.AddressFamily;
using NetAddressFamily = System.Net.Sockets.AddressFamily;
using NetSocket = System.Net.Sockets.Socket;
using Socket = PySocket.Socket;

namespace PySocket.Tests.ApiShape;

public sealed class NamespaceAliasTests
{
    [Fact]
    public void Both_libraries_are_usable_in_one_file_through_aliases()
    {
        using var listener = new NetSocket(NetAddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        using var client = Socket.create_connection(("127.0.0.1", port), timeout: 5.0);
        AddressFamily family = client.family;
        family.Should().Be(AddressFamily.AF_INET);
        family.Should().Be((AddressFamily)AF_INET);
        client.sendall("hi"u8);

        using var accepted = listener.Accept();
        accepted.ReceiveTimeout = 5000;
        var buffer = new byte[2];
        accepted.Receive(buffer).Should().Be(2);
        buffer.Should().Equal("hi"u8.ToArray());
        NetSocket view = client.NetSocket;
        view.AddressFamily.Should().Be(NetAddressFamily.InterNetwork);
    }
}
