using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace PySocket.Tests.Packaging;

/// <summary>The packaging tests (pack, build a consumer, run the samples) start many processes: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Packaging (runs dotnet and python3 processes, alone)";
}

/// <summary>What a finished process printed.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Its standard output.</param>
/// <param name="Stderr">Its standard error.</param>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Starts bounded child processes: a process that outlives its timeout is killed with its tree and fails the test.</summary>
public static partial class Processes
{
    /// <summary>The repository root (the folder with PySocket.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static ProcessResult Run(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The test host runs under `dotnet test`: its MSBuild variables would steer a child dotnet
        // to the test run's MSBuild instead of a fresh one, as a user's shell has.
        foreach (var key in new List<string>(psi.Environment.Keys))
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_HOST_PATH" or "MSBUILDNOINPROCNODE")
            {
                psi.Environment.Remove(key);
            }
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        psi.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        psi.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
            Assert.Fail($"'{file} {string.Join(' ', args)}' did not finish within {timeout.TotalSeconds} s\n{stdout.Result}\n{stderr.Result}");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the dotnet CLI.</summary>
    public static ProcessResult Dotnet(string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment, params string[] args)
        => Run("dotnet", args, workingDirectory, timeout, environment);

    /// <summary>
    /// Replaces the port of every address tuple (<c>('127.0.0.1', 43527)</c>, <c>('::1', 43527, 0, 0)</c>)
    /// and of every <c>host:port</c> on the loopback with PORT, so outputs of runs on different ephemeral ports compare equal.
    /// </summary>
    public static string NormalizePorts(string text)
    {
        text = TuplePort().Replace(text, "$1PORT");
        text = HostPort().Replace(text, "$1:PORT");
        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(\('[^']*', )\d+")]
    private static partial Regex TuplePort();

    [GeneratedRegex(@"(127\.0\.0\.1|localhost|\[::1\]):\d+")]
    private static partial Regex HostPort();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PySocket.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PySocket.sln not found above {AppContext.BaseDirectory}");
    }
}
