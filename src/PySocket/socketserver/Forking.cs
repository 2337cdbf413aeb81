using System;

namespace PySocket;

/// <summary>
/// socketserver.ForkingMixIn: not supported. CPython forks a child process per request; .NET cannot fork a
/// running runtime. The class is obsolete as an error, so code that names it does not compile (the message
/// names the threading class to use); reached by reflection, constructing it raises
/// <see cref="PlatformNotSupportedException"/>. Use a Threading* server (or a <see cref="ThreadingMixIn"/>) instead.
/// </summary>
[Obsolete(ForkingServers.Prefix + "ForkingMixIn needs os.fork(), which .NET cannot do: use ThreadingMixIn instead (" + ForkingServers.Suffix + ")", error: true)]
public sealed class ForkingMixIn
{
    /// <summary>ForkingMixIn(): always raises PlatformNotSupportedException.</summary>
    public ForkingMixIn() => throw ForkingServers.NotSupported("ForkingMixIn", "ThreadingMixIn");
}

/// <summary>socketserver.ForkingTCPServer: not supported (no fork() in .NET): obsolete as an error (it does not compile); by reflection the constructor raises PlatformNotSupportedException. Use <see cref="ThreadingTCPServer"/>.</summary>
[Obsolete(ForkingServers.Prefix + "ForkingTCPServer needs os.fork(), which .NET cannot do: use ThreadingTCPServer instead (" + ForkingServers.Suffix + ")", error: true)]
public sealed class ForkingTCPServer
{
    /// <summary>ForkingTCPServer(server_address, RequestHandlerClass, bind_and_activate=True): always raises PlatformNotSupportedException.</summary>
    public ForkingTCPServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true) =>
        throw ForkingServers.NotSupported("ForkingTCPServer", "ThreadingTCPServer");
}

/// <summary>socketserver.ForkingUDPServer: not supported (no fork() in .NET): obsolete as an error (it does not compile); by reflection the constructor raises PlatformNotSupportedException. Use <see cref="ThreadingUDPServer"/>.</summary>
[Obsolete(ForkingServers.Prefix + "ForkingUDPServer needs os.fork(), which .NET cannot do: use ThreadingUDPServer instead (" + ForkingServers.Suffix + ")", error: true)]
public sealed class ForkingUDPServer
{
    /// <summary>ForkingUDPServer(server_address, RequestHandlerClass, bind_and_activate=True): always raises PlatformNotSupportedException.</summary>
    public ForkingUDPServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true) =>
        throw ForkingServers.NotSupported("ForkingUDPServer", "ThreadingUDPServer");
}

/// <summary>socketserver.ForkingUnixStreamServer: not supported (no fork() in .NET): obsolete as an error (it does not compile); by reflection the constructor raises PlatformNotSupportedException. Use <see cref="ThreadingUnixStreamServer"/>.</summary>
[Obsolete(ForkingServers.Prefix + "ForkingUnixStreamServer needs os.fork(), which .NET cannot do: use ThreadingUnixStreamServer instead (" + ForkingServers.Suffix + ")", error: true)]
public sealed class ForkingUnixStreamServer
{
    /// <summary>ForkingUnixStreamServer(server_address, RequestHandlerClass, bind_and_activate=True): always raises PlatformNotSupportedException.</summary>
    public ForkingUnixStreamServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true) =>
        throw ForkingServers.NotSupported("ForkingUnixStreamServer", "ThreadingUnixStreamServer");
}

/// <summary>socketserver.ForkingUnixDatagramServer: not supported (no fork() in .NET): obsolete as an error (it does not compile); by reflection the constructor raises PlatformNotSupportedException. Use <see cref="ThreadingUnixDatagramServer"/>.</summary>
[Obsolete(ForkingServers.Prefix + "ForkingUnixDatagramServer needs os.fork(), which .NET cannot do: use ThreadingUnixDatagramServer instead (" + ForkingServers.Suffix + ")", error: true)]
public sealed class ForkingUnixDatagramServer
{
    /// <summary>ForkingUnixDatagramServer(server_address, RequestHandlerClass, bind_and_activate=True): always raises PlatformNotSupportedException.</summary>
    public ForkingUnixDatagramServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true) =>
        throw ForkingServers.NotSupported("ForkingUnixDatagramServer", "ThreadingUnixDatagramServer");
}

internal static class ForkingServers
{
    public const string Prefix = "socketserver.";
    public const string Suffix = "it handles each request on a new thread";

    public static PlatformNotSupportedException NotSupported(string name, string instead) =>
        new($"socketserver.{name} needs os.fork(), which .NET cannot do (a running runtime cannot be forked); " +
            $"use {instead} instead: it handles each request on a new thread.");
}
