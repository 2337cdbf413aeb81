using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace PySocket.Tests.Architecture;

/// <summary>
/// Issue 7's layering rule: only the platform layer (src/PySocket/Platform/) makes system calls. No other source
/// file declares a P/Invoke, names <c>Libc.</c> or reads the last P/Invoke error, and every P/Invoke in the
/// assembly belongs to a type declared under Platform/.
/// </summary>
public sealed partial class PlatformLayeringTests
{
    private static readonly string[] Forbidden =
    [
        "[LibraryImport", "[DllImport", "Libc.", "GetLastPInvokeError", "GetLastWin32Error", "NativeLibrary.",
    ];

    [Fact]
    public void No_source_file_outside_Platform_makes_or_names_a_system_call()
    {
        var root = SourceRoot();
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("Platform/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)
                || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            offenders.AddRange(Forbidden.Where(f => text.Contains(f, StringComparison.Ordinal)).Select(f => $"{relative}: {f}"));
        }

        offenders.Should().BeEmpty();
    }

    [Fact]
    public void The_socket_IO_files_are_free_of_system_calls_without_exception()
    {
        var root = SourceRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "socket"), "SocketObject*.cs")
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "io"), "*.cs"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "socketserver"), "*.cs"))
            .Concat(new[] { "Socket.Factories.cs", "Socket.Fds.cs", "Socket.Connections.cs", "Socket.Cmsg.cs" }.Select(f => Path.Combine(root, "socket", f)))
            .Concat(new[] { "Cmsg.cs", "Timeouts.cs" }.Select(f => Path.Combine(root, "Python", f)))
            .ToList();
        files.Should().HaveCountGreaterThan(20);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var f in Forbidden)
            {
                text.Should().NotContain(f, Path.GetFileName(file));
            }
        }
    }

    [Fact]
    public void Every_PInvoke_in_the_assembly_is_declared_by_a_Platform_type()
    {
        var platformTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SourceRoot(), "Platform"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in TypeDeclaration().Matches(File.ReadAllText(file)))
            {
                platformTypes.Add(m.Groups[1].Value);
            }
        }

        var pinvokes = typeof(SocketObject).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => (m.Attributes & MethodAttributes.PinvokeImpl) != 0 || m.GetCustomAttribute<System.Runtime.InteropServices.LibraryImportAttribute>() is not null)
            .ToList();
        pinvokes.Should().NotBeEmpty("the native layer calls libc");
        var outside = pinvokes.Select(m => Outermost(m.DeclaringType!))
            .Where(t => !platformTypes.Contains(t.Name))
            .Select(t => t.FullName)
            .Distinct()
            .ToList();
        outside.Should().BeEmpty();
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PySocket.sln")))
        {
            dir = dir.Parent;
        }

        dir.Should().NotBeNull("the tests run inside the repository");
        return Path.Combine(dir!.FullName, "src", "PySocket");
    }

    [GeneratedRegex(@"\b(?:class|struct)\s+([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex TypeDeclaration();
}
