using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace PySocket.Tests.Infrastructure;

/// <summary>
/// A table of inputs run through PySocket and through python3 (one process for the whole table),
/// asserting the same value, or the same exception class, errno and message, for every row.
/// </summary>
/// <example><code>
/// new DifferentialTable()
///     .Case("htons(80)", () => htons(80))
///     .Case("htons(-1)", () => htons(-1))
///     .AssertSameAsPython();
/// </code></example>
public sealed class DifferentialTable
{
    private readonly string _setup;
    private readonly List<(string Python, Func<object?> DotNet)> _cases = [];
    private readonly Dictionary<int, string> _portableDifferences = [];

    /// <summary>A table whose Python side first runs <paramref name="setup"/> (after <c>from socket import *</c>).</summary>
    public DifferentialTable(string setup = "")
    {
        _setup = setup;
    }

    /// <summary>How many rows the table holds.</summary>
    public int Count => _cases.Count;

    /// <summary>Adds a row: a Python expression and the same call through PySocket.</summary>
    public DifferentialTable Case(string python, Func<object?> dotnet)
    {
        _cases.Add((python, dotnet));
        return this;
    }

    /// <summary>
    /// Marks the last row added as a known difference of the portable platform layer: on that layer a mismatch
    /// is not a failure (it still runs, and a row that matches is fine); on the native layer the row must match.
    /// </summary>
    public DifferentialTable PortableDifference(string reason)
    {
        _portableDifferences[_cases.Count - 1] = reason;
        return this;
    }

    /// <summary>Adds a row whose PySocket side returns nothing (Python's None).</summary>
    public DifferentialTable Case(string python, Action dotnet) =>
        Case(python, () =>
        {
            dotnet();
            return null;
        });

    /// <summary>Runs every row on both sides and fails with every mismatch listed.</summary>
    public void AssertSameAsPython()
    {
        var expected = Python.Evaluate(_setup, _cases.Select(c => c.Python).ToList());
        var failures = new StringBuilder();
        var portable = Infrastructure.PortableDifference.Active;
        var matched = 0;
        for (var i = 0; i < _cases.Count; i++)
        {
            var want = Outcome.Canonical(expected[i]);
            var got = Outcome.Canonical(Outcome.Of(_cases[i].DotNet));
            if (want == got)
            {
                matched++;
            }
            else if (!(portable && _portableDifferences.ContainsKey(i)))
            {
                failures.AppendLine($"{_cases[i].Python}\n    python3:  {want}\n    PySocket: {got}");
            }
        }

        Infrastructure.PortableDifference.Count(_cases.Count, matched, _portableDifferences.Count);

        if (failures.Length > 0)
        {
            throw new XunitException($"PySocket differs from python3 on these rows:\n{failures}");
        }
    }

    /// <summary>Runs the Python side only, for tests that need the raw outcomes.</summary>
    public IReadOnlyList<JsonNode?> EvaluatePython() => Python.Evaluate(_setup, _cases.Select(c => c.Python).ToList());
}
