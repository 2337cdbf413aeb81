using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using FluentAssertions;
using Xunit;

namespace PySocket.Tests.Platform;

/// <summary>A fact that needs musl's libc.so (Debian: <c>apt-get install musl musl-dev</c>); it skips, saying so, without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MuslFactAttribute : FactAttribute
{
    /// <summary>Where Debian's musl package puts the C library.</summary>
    public const string MuslLibc = "/usr/lib/x86_64-linux-musl/libc.so";

    /// <summary>Skips when musl is not installed.</summary>
    public MuslFactAttribute()
    {
        if (!File.Exists(MuslLibc))
        {
            Skip = $"musl is not installed ({MuslLibc} missing; Debian: apt-get install -y musl musl-dev)";
        }
    }
}

public sealed class MuslEntryPointTests
{
    /// <summary>Every entry point the assembly imports from "libc" (LibraryImport emits DllImport metadata).</summary>
    internal static SortedSet<string> LibcImports()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in typeof(PySocket.Socket).Assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(all))
            {
                if ((method.Attributes & MethodAttributes.PinvokeImpl) == 0)
                {
                    continue;
                }

                var import = method.GetCustomAttribute<DllImportAttribute>();
                if (import is not null && import.Value == "libc")
                {
                    names.Add(import.EntryPoint ?? method.Name);
                }
            }
        }

        return names;
    }

    /// <summary>The defined dynamic symbols of an ELF64 shared object (.dynsym with its string table).</summary>
    internal static HashSet<string> ElfExports(string path)
    {
        var elf = File.ReadAllBytes(path);
        BitConverter.ToUInt32(elf, 0).Should().Be(0x464c457f, "{0} is an ELF file", path);
        elf[4].Should().Be(2, "a 64-bit ELF");
        var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3a);
        int shnum = BitConverter.ToUInt16(elf, 0x3c);
        long Section(int index, int field, int size) =>
            size == 4 ? BitConverter.ToUInt32(elf, (int)(shoff + (index * shentsize) + field)) : (long)BitConverter.ToUInt64(elf, (int)(shoff + (index * shentsize) + field));

        var exports = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < shnum; i++)
        {
            if (Section(i, 4, 4) != 11)
            {
                continue; // not SHT_DYNSYM
            }

            var symOffset = Section(i, 0x18, 8);
            var symSize = Section(i, 0x20, 8);
            var strIndex = (int)Section(i, 0x28, 4);
            var strOffset = Section(strIndex, 0x18, 8);
            for (var s = symOffset; s + 24 <= symOffset + symSize; s += 24)
            {
                var nameOffset = BitConverter.ToUInt32(elf, (int)s);
                var shndx = BitConverter.ToUInt16(elf, (int)s + 6);
                if (nameOffset == 0 || shndx == 0)
                {
                    continue; // unnamed or undefined
                }

                var start = (int)(strOffset + nameOffset);
                var end = Array.IndexOf(elf, (byte)0, start);
                exports.Add(Encoding.ASCII.GetString(elf, start, end - start));
            }
        }

        return exports;
    }

    [MuslFact]
    public void Every_libc_entry_point_the_library_imports_is_exported_by_musl()
    {
        var imports = LibcImports();
        imports.Should().Contain(["getaddrinfo", "getprotobyname", "gethostbyname_r", "__h_errno_location", "socket"]);
        var musl = ElfExports(MuslFactAttribute.MuslLibc);
        musl.Should().Contain("getaddrinfo", "the ELF reader finds musl's exports");
        imports.Where(name => !musl.Contains(name)).Should().BeEmpty("musl's libc.so must export every libc entry point PySocket calls");
    }

    [Fact]
    public void The_library_does_not_import_getprotobyname_r_which_musl_lacks()
    {
        LibcImports().Should().NotContain("getprotobyname_r").And.Contain("getprotobyname");
    }

    [Fact]
    public void Every_libc_entry_point_resolves_in_the_running_c_library()
    {
        var handle = NativeLibrary.Load("libc", typeof(PySocket.Socket).Assembly, null);
        var missing = LibcImports().Where(name => !NativeLibrary.TryGetExport(handle, name, out _)).ToList();
        missing.Should().BeEmpty();
    }
}
