using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PySocket.Tests.Infrastructure;

/// <summary>
/// The CPython on this machine, the judge of PySocket's behaviour. <c>PYSOCKET_PYTHON</c> picks an
/// interpreter; otherwise <c>python3</c> on PATH. Each table of cases runs in one python3 process.
/// </summary>
public static class Python
{
    private static readonly Lazy<string?> Interpreter = new(Locate);

    /// <summary>The interpreter's path, or null when there is none.</summary>
    public static string? Executable => Interpreter.Value;

    /// <summary>True when a python3 could be started.</summary>
    public static bool Available => Executable is not null;

    /// <summary>Why differential tests skip when python3 is missing.</summary>
    public const string MissingReason = "python3 was not found (set PYSOCKET_PYTHON or put python3 on PATH): differential test skipped";

    // Evaluates each expression after the setup code and prints one JSON outcome per case.
    private const string Driver = """
import json, sys, io, socket, os
from socket import *
def norm(v):
    if isinstance(v, bool): return v
    if isinstance(v, int): return int(v)
    if isinstance(v, float): return v
    if isinstance(v, str): return v
    if isinstance(v, (bytes, bytearray, memoryview)): return {"bytes": bytes(v).hex()}
    if v is None: return None
    if isinstance(v, (list, tuple)): return [norm(x) for x in v]
    return {"repr": repr(v)}
def outcome(thunk):
    try:
        return {"value": norm(thunk())}
    except BaseException as e:
        errno = getattr(e, "errno", None) if isinstance(e, OSError) else None
        return {"error": type(e).__name__, "errno": errno, "message": str(e)}
payload = json.load(sys.stdin)
g = {"__name__": "__pysocket__"}
exec("import socket, os, io, sys\nfrom socket import *\n" + payload["setup"], g)
out = []
for expr in payload["cases"]:
    if expr.startswith("exec:"):
        g.pop("result", None)
        out.append(outcome(lambda: (exec(expr[5:], g), g.get("result"))[1]))
    else:
        out.append(outcome(lambda: eval(expr, g)))
json.dump(out, sys.stdout)
""";

    /// <summary>Runs <paramref name="expressions"/> (Python expressions, or <c>exec:</c> statements that set <c>result</c>) after <paramref name="setup"/>.</summary>
    public static IReadOnlyList<JsonNode?> Evaluate(string setup, IReadOnlyList<string> expressions, TimeSpan? timeout = null)
    {
        var exe = Executable ?? throw new InvalidOperationException(MissingReason);
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Driver);
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(new { setup, cases = expressions }));
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 did not finish: {stderr.Result}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {stderr.Result}");
        }

        var array = JsonNode.Parse(stdout.Result)!.AsArray();
        return array.ToList();
    }

    /// <summary>Runs a whole Python script and returns its standard output (for scenario and interop tests).</summary>
    public static string Run(string script, TimeSpan? timeout = null, IEnumerable<string>? args = null)
    {
        var exe = Executable ?? throw new InvalidOperationException(MissingReason);
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args ?? [])
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 did not finish: {stderr.Result}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("PYSOCKET_PYTHON");
        var candidates = string.IsNullOrEmpty(configured) ? new[] { "python3" } : new[] { configured };
        foreach (var candidate in candidates)
        {
            try
            {
                var psi = new ProcessStartInfo(candidate, "-c \"import socket\"") { UseShellExecute = false, RedirectStandardError = true };
                using var p = Process.Start(psi);
                if (p is not null && p.WaitForExit(15000) && p.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
            catch (IOException)
            {
            }
        }

        return null;
    }
}
