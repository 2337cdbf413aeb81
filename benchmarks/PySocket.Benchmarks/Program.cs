using System;
using BenchmarkDotNet.Running;

namespace PySocket.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/PySocket.Benchmarks -- --filter '*'</c>.
/// See the README for the figures measured on the project's 2-core machine.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0].StartsWith("async-echo-", System.StringComparison.Ordinal))
        {
            return AsyncEcho.Run(args);
        }

        // benchmarks/selectors-echo/run.sh drives these two modes (not BenchmarkDotNet jobs).
        if (args.Length > 0 && args[0] == "selectors-echo-server")
        {
            SelectorsEcho.Server(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }

        if (args.Length > 0 && args[0] == "selectors-echo-client")
        {
            var n = Array.ConvertAll(args[1..4], a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture));
            SelectorsEcho.Client(n[0], n[1], n[2]);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
