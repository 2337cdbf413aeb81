using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PySocket;

/// <summary>The operating systems PySocket has CPython's values for (see Platform/Tables/*.g.cs).</summary>
internal enum OsKind
{
    /// <summary>Linux with the GNU C library.</summary>
    LinuxGlibc,

    /// <summary>Linux with musl (Alpine and the like).</summary>
    LinuxMusl,

    /// <summary>Windows (x64 values; Winsock error codes).</summary>
    Windows,

    /// <summary>macOS (and the other Apple OSes, which share its headers).</summary>
    MacOS,

    /// <summary>An OS the tables do not cover (FreeBSD, ...): its OS-dependent constants are absent.</summary>
    Other,
}

/// <summary>
/// Picks the running OS's column of the generated tables, once per process. Every OS-dependent value in the library
/// (socket constants, errno numbers, the errno → exception class map, gaierror texts) comes through here.
/// </summary>
internal static class OsTables
{
    /// <summary>The value an int field of the tables holds where CPython has no such constant on the running OS.</summary>
    internal const int AbsentInt = int.MinValue;

    /// <summary>The running OS.</summary>
    internal static readonly OsKind Current = Detect();

    /// <summary>Which OS this process runs on: Windows, an Apple OS, Linux (musl when the runtime or the loader says so).</summary>
    internal static OsKind Detect()
    {
        if (OperatingSystem.IsWindows())
        {
            return OsKind.Windows;
        }

        if (OperatingSystem.IsMacOS() || OperatingSystem.IsMacCatalyst() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS())
        {
            return OsKind.MacOS;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsAndroid())
        {
            return IsMusl() ? OsKind.LinuxMusl : OsKind.LinuxGlibc;
        }

        return OsKind.Other;
    }

    private static bool IsMusl()
    {
        if (RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // The C library this process actually loaded (a glibc machine may have musl installed beside it).
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                if (line.Contains("/ld-musl-", StringComparison.Ordinal) || line.Contains("/libc.musl-", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return false;
    }

    /// <summary>The OS's name as the README and error messages spell it.</summary>
    internal static string Name(OsKind os) => os switch
    {
        OsKind.LinuxGlibc => "Linux (glibc)",
        OsKind.LinuxMusl => "Linux (musl)",
        OsKind.Windows => "Windows",
        OsKind.MacOS => "macOS",
        _ => RuntimeInformation.OSDescription,
    };

    /// <summary>The column for <paramref name="os"/> of a table row (<see cref="AbsentInt"/> on an OS without tables).</summary>
    internal static int Pick(OsKind os, int linuxGlibc, int linuxMusl, int windows, int macOS) => os switch
    {
        OsKind.LinuxGlibc => linuxGlibc,
        OsKind.LinuxMusl => linuxMusl,
        OsKind.Windows => windows,
        OsKind.MacOS => macOS,
        _ => AbsentInt,
    };

    /// <summary>The running OS's column of a table row.</summary>
    internal static int Pick(int linuxGlibc, int linuxMusl, int windows, int macOS) =>
        Pick(Current, linuxGlibc, linuxMusl, windows, macOS);

    /// <summary>The running OS's column of a row of 64-bit values (INADDR_*).</summary>
    internal static long PickLong(long linuxGlibc, long linuxMusl, long windows, long macOS) => Current switch
    {
        OsKind.LinuxGlibc => linuxGlibc,
        OsKind.LinuxMusl => linuxMusl,
        OsKind.Windows => windows,
        OsKind.MacOS => macOS,
        _ => ConstantTable.Absent,
    };

    /// <summary>The column for <paramref name="os"/> of a <see cref="ConstantTable.Rows"/> row (<see cref="ConstantTable.Absent"/> where absent).</summary>
    internal static long Constant(OsKind os, string name)
    {
        foreach (var row in ConstantTable.Rows)
        {
            if (row.Name == name)
            {
                return os switch
                {
                    OsKind.LinuxGlibc => row.LinuxGlibc,
                    OsKind.LinuxMusl => row.LinuxMusl,
                    OsKind.Windows => row.Windows,
                    OsKind.MacOS => row.MacOS,
                    _ => ConstantTable.Absent,
                };
            }
        }

        throw new ArgumentException($"no constant {name} in the table", nameof(name));
    }

    /// <summary>Raises what CPython raises for a module constant it lacks on this OS; typed to sit in a conditional.</summary>
    internal static int Missing(string name) => throw Errors.NoModuleAttribute("socket", name);

    /// <summary><see cref="Missing"/> for a 64-bit constant.</summary>
    internal static long MissingLong(string name) => throw Errors.NoModuleAttribute("socket", name);
}
