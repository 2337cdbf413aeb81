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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
