#if !NET9_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>
/// .NET 9's attribute for the net8.0 build (the C# compiler reads it by name): among applicable overloads the
/// higher priority wins, so with C# 13 or later <c>getsockopt(level, optname, 0)</c> picks the int form (the
/// constant 0 converts to <c>SockOptBufLen</c>) over the <c>int buflen</c> form. Older compilers ignore it.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class OverloadResolutionPriorityAttribute : Attribute
{
    /// <summary>Marks the member with <paramref name="priority"/> (default 0; higher wins).</summary>
    public OverloadResolutionPriorityAttribute(int priority) => Priority = priority;

    /// <summary>The priority.</summary>
    public int Priority { get; }
}
#endif
