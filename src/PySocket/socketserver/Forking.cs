using System;

namespace PySocket;

/// <summary>
/// socketserver.ForkingMixIn: not supported. CPython forks a child process per request; .NET cannot fork a
/// running runtime, so constructing it raises <see cref="PlatformNotSupportedException"/>. Use a Threading*
/// server (or a <see cref="ThreadingMixIn"/>) instead.
/// </summary>
public sealed class ForkingMixIn
{
    /// <summary>ForkingMixIn(): always raises PlatformNotSupportedException.</summary>
    public ForkingMixIn() => throw ForkingServers.NotSupported("ForkingMixIn", "ThreadingMixIn");
}

/// <summary>socketserver.ForkingTCPServer: not supported (no fork() in .NET); the constructor raises PlatformNotSupportedException. Use <see cref="ThreadingTCPServer"/>.</summary>
public sealed class ForkingTCPServer
{
    /// <summary>ForkingTCPServer(server_address, RequestHandlerClass, bind_and_activate=True): always raises PlatformNotSupportedException.</summary>
    public ForkingTCPServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true) =>
        throw ForkingServers.NotSupported("ForkingTCPServer", "ThreadingTCPServer");
}

/// <summary>socketserver.ForkingUDPServer: not supported (no fork() in .NET); the constructor raises PlatformNotSupportedException. Use <see cref="ThreadingUDPServer"/>.</summary>
public sealed class ForkingUDPServer
{
    /// <summary>ForkingUDPServer(server_address, RequestHandlerClass, bind_and_activate=True): always raises PlatformNotSupportedException.</summary>
    public ForkingUDPServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true) =>
        throw ForkingServers.NotSupported("ForkingUDPServer", "ThreadingUDPServer");
}

/// <summary>socketserver.ForkingUnixStreamServer: not supported (no fork() in .NET); the constructor raises PlatformNotSupportedException. Use <see cref="ThreadingUnixStreamServer"/>.</summary>
public sealed class ForkingUnixStreamServer
{
    /// <summary>ForkingUnixStreamServer(server_address, RequestHandlerClass, bind_and_activate=True): always raises PlatformNotSupportedException.</summary>
    public ForkingUnixStreamServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true) =>
        throw ForkingServers.NotSupported("ForkingUnixStreamServer", "ThreadingUnixStreamServer");
}

/// <summary>socketserver.ForkingUnixDatagramServer: not supported (no fork() in .NET); the constructor raises PlatformNotSupportedException. Use <see cref="ThreadingUnixDatagramServer"/>.</summary>
public sealed class ForkingUnixDatagramServer
{
    /// <summary>ForkingUnixDatagramServer(server_address, RequestHandlerClass, bind_and_activate=True): always raises PlatformNotSupportedException.</summary>
    public ForkingUnixDatagramServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true) =>
        throw ForkingServers.NotSupported("ForkingUnixDatagramServer", "ThreadingUnixDatagramServer");
}

internal static class ForkingServers
{
    public static PlatformNotSupportedException NotSupported(string name, string instead) =>
        new($"socketserver.{name} needs os.fork(), which .NET cannot do (a running runtime cannot be forked); " +
            $"use {instead} instead: it handles each request on a new thread.");
}
