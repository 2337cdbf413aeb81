using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using FluentAssertions;
using Xunit;

namespace PySocket.Tests.Packaging;

/// <summary>
/// A fact that needs the library to carry no assembly-wide <c>[SupportedOSPlatform]</c>: with it, every
/// call a consumer makes is a CA1416 warning, and the consumer test requires zero warnings.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConsumerFactAttribute : FactAttribute
{
    /// <summary>Skips, saying why, while the library is marked for one OS (issue 8 removes the mark).</summary>
    public ConsumerFactAttribute()
    {
        var marks = typeof(Socket).Assembly.GetCustomAttributes<SupportedOSPlatformAttribute>().Select(a => a.PlatformName).ToList();
        if (marks.Count > 0)
        {
            Skip = $"issue 8: PySocket.dll is marked [assembly: SupportedOSPlatform(\"{string.Join(", ", marks)}\")], so a consumer app gets CA1416 "
                + "warnings and cannot build with zero warnings; this test runs once the mark is removed";
        }
    }
}

/// <summary>
/// The package as a user gets it: packed into a folder, added to a new console app with
/// <c>dotnet add package</c>, built with warnings as errors, run.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class ConsumerPackageTests : IDisposable
{
    private const string ConsumerProgram = """
        using System.Text;
        using PySocket;
        using static PySocket.Socket;

        using var server = new ThreadingTCPServer(("127.0.0.1", 0), () => new Echo());
        var serving = new Thread(() => server.serve_forever(0.05));
        serving.Start();
        var (host, port) = server.server_address;
        Console.WriteLine($"echo server listening on {server.server_address}");
        using (var client = create_connection((host, port), timeout: 5.0))
        using (var replies = client.makefile("rb"))
        {
            foreach (var line in new[] { "hello", "from the package", "goodbye" })
            {
                client.sendall(Encoding.UTF8.GetBytes(line + "\n"));
                Console.WriteLine($"received {Encoding.UTF8.GetString(replies.readline()).TrimEnd('\n')}");
            }
        }

        server.shutdown();
        serving.Join();
        Console.WriteLine("done");

        internal sealed class Echo : StreamRequestHandler
        {
            public override void handle()
            {
                foreach (var line in rfile)
                {
                    wfile.write(line);
                }
            }
        }
        """;

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(240);

    private readonly string _root = Directory.CreateTempSubdirectory("pysocket-consumer-").FullName;

    /// <summary>Removes the temporary folders.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [ConsumerFact]
    public void A_new_console_app_adds_the_packed_package_builds_with_zero_warnings_and_runs_an_echo_server_and_client()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(_root, "EchoApp")).FullName;
        // A package cache of its own: a package of the same version packed earlier must not be reused.
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-cache") };

        var pack = Processes.Dotnet(Processes.RepoRoot, StepTimeout, env, "pack", "src/PySocket", "-c", "Release", "-o", feed);
        pack.ExitCode.Should().Be(0, pack.ToString());
        var nupkg = Directory.GetFiles(feed, "PySocket.*.nupkg").Should().ContainSingle().Subject;
        File.Exists(Path.ChangeExtension(nupkg, ".snupkg")).Should().BeTrue("the symbol package is packed next to the package");
        var version = Path.GetFileNameWithoutExtension(nupkg)["PySocket.".Length..];

        var create = Processes.Dotnet(app, StepTimeout, env, "new", "console", "--no-restore");
        create.ExitCode.Should().Be(0, create.ToString());
        File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerProgram);

        var add = Processes.Dotnet(app, StepTimeout, env, "add", "package", "PySocket", "--version", version, "--source", feed);
        add.ExitCode.Should().Be(0, add.ToString());

        var build = Processes.Dotnet(app, StepTimeout, env, "build", "-c", "Release", "-warnaserror", "-p:TreatWarningsAsErrors=true");
        build.ExitCode.Should().Be(0, build.ToString());
        build.Stdout.Should().Contain("0 Warning(s)").And.NotContain(": warning ", build.ToString());

        var run = Processes.Dotnet(app, TimeSpan.FromSeconds(60), env, "run", "-c", "Release", "--no-build");
        run.ExitCode.Should().Be(0, run.ToString());
        Processes.NormalizePorts(run.Stdout).Should().Be("""
            echo server listening on ('127.0.0.1', PORT)
            received hello
            received from the package
            received goodbye
            done

            """);
        run.Stderr.Should().BeEmpty();
    }
}
