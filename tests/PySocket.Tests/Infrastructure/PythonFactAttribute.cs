using System;
using Xunit;

namespace PySocket.Tests.Infrastructure;

/// <summary>A fact that compares with python3; it skips, saying why, when python3 is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonFactAttribute : FactAttribute
{
    /// <summary>Skips when python3 is missing.</summary>
    public PythonFactAttribute()
    {
        if (!Python.Available)
        {
            Skip = Python.MissingReason;
        }
    }
}

/// <summary>A theory that compares with python3; it skips, saying why, when python3 is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips when python3 is missing.</summary>
    public PythonTheoryAttribute()
    {
        if (!Python.Available)
        {
            Skip = Python.MissingReason;
        }
    }
}
