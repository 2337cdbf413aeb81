using BenchmarkDotNet.Running;

namespace PySocket.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/PySocket.Benchmarks -- --filter '*'</c>.
/// See the README for the figures measured on the project's 2-core machine.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
