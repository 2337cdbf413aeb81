using System;
using System.IO;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;

namespace PySocket.Tests.Packaging;

/// <summary>
/// Each sample in samples/ (built with the tests) and the Python original next to it, run on
/// python3: both exit 0, print nothing on stderr, and print the same lines once ports are normalised.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class SamplesTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    // Samples that run as a separate server and client process (given "server"/"client" arguments); their own
    // test (tests/PySocket.Tests/Select) runs every C#/Python pairing of the two.
    private static readonly string[] ServerClientPairs = ["SelectHowto", "SelectorsEcho"];

    /// <summary>Every sample folder (one with a project), so a new sample is tested without editing this list.</summary>
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(Processes.RepoRoot, "samples")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (File.Exists(Path.Combine(dir, name + ".csproj")) && !ServerClientPairs.Contains(name))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Fact]
    public void Every_sample_has_its_python_original_next_to_it()
    {
        var names = Samples().Select((object[] row) => (string)row[0]).ToList();
        names.Should().Contain(["EchoSample", "SocketServerTcp", "SocketServerUdp", "SocketServerThreaded", "EchoGetaddrinfo", "ChatServer", "HttpClient", "UnixServer"]);
        foreach (var name in names)
        {
            Directory.GetFiles(Path.Combine(Processes.RepoRoot, "samples", name), "*.py").Should().ContainSingle($"samples/{name} holds the Python it ports");
        }
    }

    [PythonTheory]
    [MemberData(nameof(Samples))]
    public void A_sample_prints_what_its_python_original_prints(string name)
    {
        var dir = Path.Combine(Processes.RepoRoot, "samples", name);
        var script = Directory.GetFiles(dir, "*.py").Should().ContainSingle().Subject;
        var configuration = typeof(SamplesTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(dir, "bin", configuration, "net10.0", name + ".dll");
        File.Exists(dll).Should().BeTrue($"the test project builds the samples ({dll})");

        var python = Processes.Run(Python.Executable!, [script], dir, RunTimeout);
        python.ExitCode.Should().Be(0, python.ToString());
        python.Stderr.Should().BeEmpty(python.ToString());

        var csharp = Processes.Dotnet(dir, RunTimeout, null, dll);
        csharp.ExitCode.Should().Be(0, csharp.ToString());
        csharp.Stderr.Should().BeEmpty(csharp.ToString());

        var expected = Processes.NormalizePorts(python.Stdout);
        expected.Should().NotBeEmpty();
        Processes.NormalizePorts(csharp.Stdout).Should().Be(expected);
    }
}
