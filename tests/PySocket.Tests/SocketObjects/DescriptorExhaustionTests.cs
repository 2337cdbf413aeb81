using System;
using System.Diagnostics;
using FluentAssertions;
using Xunit;

namespace PySocket.Tests.SocketObjects;

/// <summary>
/// Sockets dropped without close() hold their descriptors until the collector finalizes them (CPython closes on
/// the last reference), so socket(), socketpair() and accept() collect once and retry when the process is out
/// of descriptors (EMFILE). A child process under <c>ulimit -n 64</c> forgets 200 of each.
/// </summary>
public sealed class DescriptorExhaustionTests
{
    [Fact]
    public async System.Threading.Tasks.Task A_loop_that_forgets_close_does_not_run_out_of_descriptors()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // ulimit is a Unix shell's (the retry itself is the same code on every OS)
        }

        var dll = typeof(DescriptorExhaustionTests).Assembly.Location;
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("ulimit -n 64 && exec dotnet \"$0\" --forgetful-loop 200");
        psi.ArgumentList.Add(dll);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var bound = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("the forgetful loop did not finish within 60 s");
        }

        ((await output).Trim() + (await error).Trim()).Should().Be("ok 200");
        p.ExitCode.Should().Be(0);
    }
}
