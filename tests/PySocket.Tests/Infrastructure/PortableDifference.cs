using System;
using System.IO;
using System.Threading;
using Xunit;

namespace PySocket.Tests.Infrastructure;

/// <summary>
/// Known differences of the portable platform layer (System.Net.Sockets) from CPython, marked where they are
/// tested instead of deleted: a whole test with <see cref="PortableDifferenceFactAttribute"/>, one row of a
/// <see cref="DifferentialTable"/> with <see cref="DifferentialTable.PortableDifference"/>. On the native layer the
/// marks change nothing (the test and the row must match python3 there). README lists every mark.
/// </summary>
public static class PortableDifference
{
    private static int _rows;
    private static int _matched;
    private static int _marked;

    /// <summary>True when this test run uses the portable layer (PYSOCKET_PLATFORM=portable).</summary>
    public static bool Active => global::PySocket.Platform.Layer == "portable";

    /// <summary>The skip reason for a test marked with <paramref name="reason"/>, or null when it must run.</summary>
    public static string? SkipReason(string reason) => Active ? $"portable difference: {reason}" : null;

    /// <summary>
    /// Counts differential rows for the match figure. With PYSOCKET_DIFF_REPORT set, each table appends a line
    /// "layer rows matched marked" to that file (summed by .ci/run).
    /// </summary>
    internal static void Count(int rows, int matched, int marked)
    {
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _matched, matched);
        Interlocked.Add(ref _marked, marked);
        var report = Environment.GetEnvironmentVariable("PYSOCKET_DIFF_REPORT");
        if (!string.IsNullOrEmpty(report))
        {
            lock (typeof(PortableDifference))
            {
                File.AppendAllText(report, $"{(global::PySocket.Platform.Layer)} {rows} {matched} {marked}\n");
            }
        }
    }
}

/// <summary>A fact that cannot match CPython on the portable layer: it skips there, naming the reason, and runs on native.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PortableDifferenceFactAttribute : FactAttribute
{
    /// <summary>Marks the test with the reason it differs on the portable layer.</summary>
    public PortableDifferenceFactAttribute(string reason)
    {
        Reason = reason;
        Skip = PortableDifference.SkipReason(reason) ?? (NeedsPython && !Python.Available ? Python.MissingReason : null);
    }

    /// <summary>Why the portable layer cannot match.</summary>
    public string Reason { get; }

    /// <summary>The test compares with python3 (it also skips when python3 is missing).</summary>
    public bool NeedsPython { get; init; }
}

/// <summary>A python3-comparing fact that cannot match CPython on the portable layer (see <see cref="PortableDifferenceFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PortableDifferencePythonFactAttribute : FactAttribute
{
    /// <summary>Marks the test with the reason it differs on the portable layer.</summary>
    public PortableDifferencePythonFactAttribute(string reason)
    {
        Reason = reason;
        Skip = PortableDifference.SkipReason(reason) ?? (Python.Available ? null : Python.MissingReason);
    }

    /// <summary>Why the portable layer cannot match.</summary>
    public string Reason { get; }
}
