using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
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
/// The library packed once (Release, as a user's package) into a temporary feed, with package
/// validation against 0.1.0 (packaging/baseline). Packing uses the machine's NuGet cache, as a
/// developer's <c>dotnet pack</c> does.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    private readonly Lazy<ProcessResult> _pack;

    /// <summary>Makes the temporary folder; packs on first use.</summary>
    public PackedPackage()
    {
        Root = Directory.CreateTempSubdirectory("pysocket-consumer-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        _pack = new Lazy<ProcessResult>(() => Processes.Dotnet(Processes.RepoRoot, ConsumerPackageTests.StepTimeout, null, "pack", "src/PySocket", "-c", "Release", "-o", Feed));
    }

    /// <summary>The temporary folder of this test run.</summary>
    public string Root { get; }

    /// <summary>The folder the package is packed into.</summary>
    public string Feed { get; }

    /// <summary>Packs (once) and returns what dotnet pack printed.</summary>
    public ProcessResult Pack() => _pack.Value;

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// The package as a user gets it: packed into a folder, added to a new console app with
/// <c>dotnet add package</c>, built with warnings as errors, run.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class ConsumerPackageTests : IClassFixture<PackedPackage>
{
    /// <summary>The bound of each dotnet step (a loaded 2-core machine).</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(240);

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
        using (var replies = (SocketFile)client.makefile("rb"))
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

    private readonly PackedPackage _package;

    /// <summary>Takes the packed package.</summary>
    public ConsumerPackageTests(PackedPackage package) => _package = package;

    [Fact]
    public void The_package_packs_with_package_validation_against_0_1_0_and_carries_license_readme_symbols_and_both_frameworks()
    {
        var pack = _package.Pack();
        pack.ExitCode.Should().Be(0, pack.ToString());
        pack.Stdout.Should().NotContain(": warning ", pack.ToString());
        var nupkg = Directory.GetFiles(_package.Feed, "PySocket.*.nupkg").Should().ContainSingle().Subject;
        var snupkg = Path.ChangeExtension(nupkg, ".snupkg");
        File.Exists(snupkg).Should().BeTrue("the symbol package is packed next to the package");

        using (var zip = ZipFile.OpenRead(nupkg))
        {
            zip.Entries.Select(e => e.FullName).Should().Contain(["LICENSE", "README.md", "lib/net8.0/PySocket.dll", "lib/net8.0/PySocket.xml", "lib/net10.0/PySocket.dll", "lib/net10.0/PySocket.xml"]);
            using var nuspec = new StreamReader(zip.GetEntry("PySocket.nuspec")!.Open());
            var text = nuspec.ReadToEnd();
            text.Should().Contain("<license type=\"expression\">MIT</license>").And.Contain("<authors>PySocket contributors</authors>");
        }

        using (var zip = ZipFile.OpenRead(snupkg))
        {
            zip.Entries.Select(e => e.FullName).Should().Contain(["lib/net8.0/PySocket.pdb", "lib/net10.0/PySocket.pdb"]);
            foreach (var framework in new[] { "net8.0", "net10.0" })
            {
                var (documents, embedded) = PdbDocuments(zip.GetEntry($"lib/{framework}/PySocket.pdb")!);
                documents.Should().Contain(d => d.EndsWith("/socket/SocketObject.cs", StringComparison.Ordinal), framework);
                if (Environment.GetEnvironmentVariable("CI") == "true")
                {
                    // .ci/run exports CI=true: ContinuousIntegrationBuild maps the checkout to /_/ (deterministic).
                    documents.Should().OnlyContain(d => d.StartsWith("/_/", StringComparison.Ordinal), "a CI build maps source paths to /_/ ({0})", framework);
                }
                else
                {
                    // A developer's build keeps the checkout's paths, unless the tree was last built as CI.
                    var checkout = Processes.RepoRoot.Replace('\\', '/').TrimEnd('/') + "/";
                    documents.Should().OnlyContain(d => d.StartsWith("/_/", StringComparison.Ordinal) || d.StartsWith(checkout, StringComparison.Ordinal), framework);
                }

                var generated = documents.Where(d => d.Contains("/obj/", StringComparison.Ordinal)).ToList();
                generated.Should().NotBeEmpty(framework).And.OnlyContain(d => embedded.Contains(d), "untracked (generated) sources are embedded ({0})", framework);
            }
        }
    }

    // The source document paths in a portable PDB, and those whose text is embedded (EmbeddedSource).
    private static (List<string> Documents, HashSet<string> Embedded) PdbDocuments(ZipArchiveEntry entry)
    {
        var embeddedSource = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
        using var pdb = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(pdb);
        }

        pdb.Position = 0;
        using var provider = System.Reflection.Metadata.MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        var documents = new List<string>();
        var embedded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in reader.Documents)
        {
            var name = reader.GetString(reader.GetDocument(handle).Name);
            documents.Add(name);
            foreach (var info in reader.GetCustomDebugInformation(handle))
            {
                if (reader.GetGuid(reader.GetCustomDebugInformation(info).Kind) == embeddedSource)
                {
                    embedded.Add(name);
                }
            }
        }

        return (documents, embedded);
    }

    [ConsumerFact]
    public void A_new_console_app_adds_the_packed_package_builds_with_zero_warnings_and_runs_an_echo_server_and_client()
    {
        var pack = _package.Pack();
        pack.ExitCode.Should().Be(0, pack.ToString());
        var nupkg = Directory.GetFiles(_package.Feed, "PySocket.*.nupkg").Should().ContainSingle().Subject;
        var version = Path.GetFileNameWithoutExtension(nupkg)["PySocket.".Length..];
        var app = Directory.CreateDirectory(Path.Combine(_package.Root, "EchoApp")).FullName;
        // The app gets a package cache of its own, so a package of the same version packed earlier is
        // not reused; it needs no package but PySocket, which comes from the feed folder.
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_package.Root, "nuget-cache") };

        var create = Processes.Dotnet(app, StepTimeout, env, "new", "console", "--no-restore");
        create.ExitCode.Should().Be(0, create.ToString());
        File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerProgram);

        var add = Processes.Dotnet(app, StepTimeout, env, "add", "package", "PySocket", "--version", version, "--source", _package.Feed);
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
