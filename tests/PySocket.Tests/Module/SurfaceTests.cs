using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;

namespace PySocket.Tests.Module;

/// <summary>
/// The public surface against python3's own: every function of the socket module, every public member of
/// socket.socket and every socketserver class and member exists here under Python's name.
/// </summary>
public sealed class SurfaceTests
{
    // Names PySocket deliberately does not provide (see the README's differences).
    private static readonly HashSet<string> NotProvided = ["error", "timeout", "gaierror", "herror", "sendmsg_afalg"];

    [PythonFact]
    public void Every_socket_module_function_exists_under_its_python_name()
    {
        var names = PythonNames("[n for n in dir(__import__('socket')) if n[0].islower() and callable(getattr(__import__('socket'), n))]");
        var missing = names.Where(n => !NotProvided.Contains(n) && !HasMember(typeof(Socket), n)).ToList();
        missing.Should().BeEmpty("PySocket.Socket should mirror python3's socket module");
    }

    [PythonFact]
    public void Every_public_socket_object_member_exists_under_its_python_name()
    {
        var names = PythonNames("[n for n in dir(__import__('socket').socket) if not n.startswith('_')]");
        var missing = names.Where(n => !NotProvided.Contains(n) && !HasMember(typeof(SocketObject), n)).ToList();
        missing.Should().BeEmpty("SocketObject should mirror python3's socket.socket");
    }

    [PythonFact]
    public void Every_socketserver_class_exists_with_its_public_members()
    {
        var classes = PythonNames("__import__('socketserver').__all__");
        var missingClasses = classes.Where(c => typeof(Socket).Assembly.GetType($"PySocket.{c}") is null).ToList();
        missingClasses.Should().BeEmpty("every class in socketserver.__all__ should exist");

        var missingMembers = new List<string>();
        foreach (var cls in new[] { "TCPServer", "UDPServer", "ThreadingTCPServer", "StreamRequestHandler", "DatagramRequestHandler" })
        {
            var type = typeof(Socket).Assembly.GetType($"PySocket.{cls}")!;
            var members = PythonNames($"[n for n in dir(__import__('socketserver').{cls}) if not n.startswith('_')]");
            // C# has no mixins: a threading server's ThreadingMixIn members live on its `mixin` object.
            missingMembers.AddRange(members
                .Where(m => !HasMember(type, m) && !(cls.StartsWith("Threading", StringComparison.Ordinal) && HasMember(typeof(ThreadingMixIn), m)))
                .Select(m => $"{cls}.{m}"));
        }

        missingMembers.Should().BeEmpty("socketserver's public members should exist under Python's names");
    }

    private static List<string> PythonNames(string expression) =>
        Python.Evaluate("import socketserver", [expression])[0]!["value"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    private static bool HasMember(Type type, string name) =>
        type.GetMember(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy).Length > 0;
}
