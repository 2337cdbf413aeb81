using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;

namespace PySocket.Tests.SelectModule;

/// <summary>
/// The classic select/selectors programs in samples/ (C# ports next to their Python originals), run
/// against each other in every pairing: each output must equal what the all-Python pairing prints.
/// </summary>
public sealed partial class SelectSamplesTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PySocket.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static ProcessStartInfo Program(string lang, string sample, params string[] args)
    {
        ProcessStartInfo psi;
        if (lang == "py")
        {
            psi = new ProcessStartInfo(Python.Executable!);
            psi.ArgumentList.Add(Path.Combine(Root, "samples", sample, sample == "SelectorsEcho" ? "selectors_echo.py" : "select_howto.py"));
        }
        else
        {
            var dll = Path.Combine(Root, "samples", sample, "bin", Configuration, "net10.0", sample + ".dll");
            File.Exists(dll).Should().BeTrue($"the sample is built with the tests ({dll})");
            psi = new ProcessStartInfo("dotnet");
            psi.ArgumentList.Add(dll);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        return psi;
    }

    [GeneratedRegex(@"\('127\.0\.0\.1', (\d+)\)")]
    private static partial Regex PortPattern();

    private static (List<string> server, List<string> client) RunPair(string serverLang, string serverSample, string clientLang, int conns)
    {
        var serverArgs = serverSample == "SelectorsEcho" ? new[] { "server", conns.ToString(System.Globalization.CultureInfo.InvariantCulture) } : new[] { conns.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        using var server = Process.Start(Program(serverLang, serverSample, serverArgs))!;
        try
        {
            var first = server.StandardOutput.ReadLineAsync();
            first.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("the server prints its address");
            var port = PortPattern().Match(first.Result ?? "").Groups[1].Value;
            port.Should().NotBeEmpty(first.Result);
            using var client = Process.Start(Program(clientLang, "SelectorsEcho", "client", "127.0.0.1", port, conns.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
            var clientOut = client.StandardOutput.ReadToEndAsync();
            var clientErr = client.StandardError.ReadToEndAsync();
            client.WaitForExit(30_000).Should().BeTrue("the client finishes");
            client.ExitCode.Should().Be(0, clientErr.Result);
            var serverOut = server.StandardOutput.ReadToEndAsync();
            var serverErr = server.StandardError.ReadToEndAsync();
            server.WaitForExit(30_000).Should().BeTrue("the server stops after its connections");
            server.ExitCode.Should().Be(0, serverErr.Result);
            var serverLines = new List<string> { PortPattern().Replace(first.Result!, "PORT") };
            serverLines.AddRange(Lines(serverOut.Result));
            return (serverLines, Lines(clientOut.Result).OrderBy(l => l, StringComparer.Ordinal).ToList());
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
        }
    }

    private static List<string> Lines(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    [PythonTheory]
    [InlineData("SelectorsEcho")]
    [InlineData("SelectHowto")]
    public void Ports_print_what_the_python_originals_print_in_every_pairing(string serverSample)
    {
        const int conns = 20;
        var (expectedServer, expectedClient) = RunPair("py", serverSample, "py", conns);
        expectedClient.Should().HaveCount(conns);
        foreach (var (s, c) in new[] { ("cs", "cs"), ("cs", "py"), ("py", "cs") })
        {
            var (server, client) = RunPair(s, serverSample, c, conns);
            server.Should().Equal(expectedServer, $"server {s}, client {c}");
            client.Should().Equal(expectedClient, $"server {s}, client {c}");
        }
    }
}
