using System;
using PySocket.Tests.Infrastructure;
using Xunit;

namespace PySocket.Tests.SocketObjects;

/// <summary>A fact that needs the IPv6 loopback (::1); it skips, saying why, when ::1 cannot be bound.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class Ipv6FactAttribute : FactAttribute
{
    /// <summary>Skips when ::1 is unusable (or, with <see cref="NeedsPython"/>, when python3 is missing).</summary>
    public Ipv6FactAttribute()
    {
        if (!Loopback.Ipv6Usable)
        {
            Skip = "IPv6 loopback (::1) cannot be bound on this machine";
        }
    }

    /// <summary>Also skip when python3 is missing (for differential IPv6 tests).</summary>
    public bool NeedsPython
    {
        get => false;
        init
        {
            if (value && Skip is null && !Python.Available)
            {
                Skip = Python.MissingReason;
            }
        }
    }
}
