using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;

namespace PySocket.Tests.Module;

/// <summary>
/// The generated per-OS tables (src/PySocket/Platform/Tables/*.g.cs) against the reference TSVs they were generated
/// from, so that a changed TSV without a regenerated table fails; the Linux values against python3.
/// </summary>
public sealed class PlatformTablesTests
{
    private static readonly OsKind[] Oses = [OsKind.LinuxGlibc, OsKind.LinuxMusl, OsKind.Windows, OsKind.MacOS];

    private static long? Cell(string text) =>
        text is "absent" or "none" or "-" or "" ? null : long.Parse(text, CultureInfo.InvariantCulture);

    private static long? Stored(long value) => value == ConstantTable.Absent ? null : value;

    [Fact]
    public void The_constant_table_is_the_reference_tsv()
    {
        var tsv = ReferenceTables.Read("platform-constants.tsv");
        tsv.Should().HaveCount(263);
        ConstantTable.Rows.Select(r => r.Name).Should().Equal(tsv.Select(r => r["name"]));
        foreach (var row in tsv)
        {
            foreach (var (os, column) in new[] { (OsKind.LinuxGlibc, "linux_glibc"), (OsKind.LinuxMusl, "linux_musl"), (OsKind.Windows, "windows"), (OsKind.MacOS, "macos") })
            {
                Stored(OsTables.Constant(os, row["name"])).Should().Be(Cell(row[column]), $"{row["name"]} on {os}");
            }
        }
    }

    [Fact]
    public void Each_public_constant_has_the_running_os_value_and_is_const_only_when_every_os_agrees()
    {
        foreach (var row in ConstantTable.Rows)
        {
            var member = SocketConstant.Member(row.Name);
            member.Should().NotBeNull(row.Name);
            var values = Oses.Select(os => OsTables.Constant(os, row.Name)).Distinct().ToArray();
            var isConst = member is FieldInfo { IsLiteral: true };
            isConst.Should().Be(values.Length == 1, $"{row.Name} is const exactly when it is the same on every OS");

            var here = Stored(OsTables.Constant(OsTables.Current, row.Name));
            if (here is long expected)
            {
                SocketConstant.TryRead(row.Name, out var got).Should().BeTrue(row.Name);
                Convert.ToInt64(got, CultureInfo.InvariantCulture).Should().Be(expected, row.Name);
            }
            else
            {
                var property = (PropertyInfo)member!;
                var read = () => property.GetValue(null);
                read.Should().Throw<TargetInvocationException>().WithInnerException<AttributeError>()
                    .WithMessage($"module 'socket' has no attribute '{row.Name}'*");
            }
        }
    }

    [Fact]
    public void Members_absent_on_some_os_carry_platform_attributes_and_the_others_none()
    {
        foreach (var row in ConstantTable.Rows)
        {
            var member = SocketConstant.Member(row.Name)!;
            var onLinux = row.LinuxGlibc != ConstantTable.Absent || row.LinuxMusl != ConstantTable.Absent;
            var present = new Dictionary<string, bool>
            {
                ["linux"] = onLinux,
                ["windows"] = row.Windows != ConstantTable.Absent,
                ["macos"] = row.MacOS != ConstantTable.Absent,
            };
            var supported = member.GetCustomAttributes<SupportedOSPlatformAttribute>().Select(a => a.PlatformName).ToArray();
            var unsupported = member.GetCustomAttributes<UnsupportedOSPlatformAttribute>().Select(a => a.PlatformName).ToArray();
            var missing = present.Where(p => !p.Value).Select(p => p.Key).ToArray();
            if (missing.Length == 0)
            {
                supported.Should().BeEmpty(row.Name);
                unsupported.Should().BeEmpty(row.Name);
            }
            else if (missing.Length == 2)
            {
                supported.Should().Equal([present.Single(p => p.Value).Key], row.Name);
            }
            else
            {
                unsupported.Should().BeEquivalentTo(missing, row.Name);
            }
        }
    }

    [Fact]
    public void A_missing_constant_raises_attribute_error_naming_the_attribute_and_the_os()
    {
        var read = () => OsTables.Missing("AF_PACKET");
        var e = read.Should().Throw<AttributeError>().Which;
        e.name.Should().Be("AF_PACKET");
        e.Message.Should().Be($"module 'socket' has no attribute 'AF_PACKET' (CPython has none on {OsTables.Name(OsTables.Current)})");
        e.Should().BeAssignableTo<PlatformNotSupportedException>();
    }

    [Fact]
    public void This_machine_is_detected_as_linux_glibc_when_the_process_loaded_glibc()
    {
        var maps = File.ReadAllText("/proc/self/maps");
        var musl = maps.Contains("/ld-musl-", StringComparison.Ordinal);
        OsTables.Current.Should().Be(musl ? OsKind.LinuxMusl : OsKind.LinuxGlibc);
    }

    [PythonFact]
    public void The_glibc_column_matches_python3_for_every_constant_it_has()
    {
        const string script = """
import json, socket
names = [line.split('\t')[0] for line in open(PATH).read().splitlines()[1:]]
print(json.dumps({n: int(getattr(socket, n)) for n in names if hasattr(socket, n)}))
""";
        var path = Path.Combine(ReferenceTables.Directory, "platform-constants.tsv");
        var python = JsonNode.Parse(Python.Run(script.Replace("PATH", $"'{path}'", StringComparison.Ordinal)))!.AsObject();
        python.Count.Should().BeGreaterThan(200);
        var mismatches = new List<string>();
        foreach (var (name, node) in python)
        {
            var ours = OsTables.Constant(OsKind.LinuxGlibc, name);
            if (ours != node!.GetValue<long>())
            {
                mismatches.Add($"{name}: table {ours}, python3 {node}");
            }
        }

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void The_errno_table_is_the_reference_tsv()
    {
        var tsv = ReferenceTables.Read("platform-errno.tsv");
        ErrnoTable.Rows.Select(r => r.Name).Should().Equal(tsv.Select(r => r["name"]));
        foreach (var (row, t) in ErrnoTable.Rows.Zip(tsv))
        {
            row.Linux.Should().Be(int.Parse(t["linux"], CultureInfo.InvariantCulture), row.Name);
            row.MacOS.Should().Be(int.Parse(t["macos"], CultureInfo.InvariantCulture), row.Name);
            row.WindowsErrnoModule.Should().Be(int.Parse(t["windows_errno_module"], CultureInfo.InvariantCulture), row.Name);
            Stored(row.WindowsSocketError).Should().Be(Cell(t["windows_socket_error_errno"]), row.Name);
            row.Class.ToString().Should().Be(t["python_class"], row.Name);
            if (row.WindowsText is { } text)
            {
                t["note"].Should().Contain($"str(e) on Windows: [WinError {Errno.ToWinError((int)row.WindowsSocketError)}] {text}", row.Name);
            }
        }
    }

    [Fact]
    public void Every_errno_gets_its_pep_3151_class_on_every_os()
    {
        foreach (var row in ErrnoTable.Rows)
        {
            foreach (var os in new[] { OsKind.LinuxGlibc, OsKind.LinuxMusl })
            {
                Errors.ClassOf(os, row.Linux).Should().Be(row.Class, $"{row.Name} = {row.Linux} on {os}");
            }

            Errors.ClassOf(OsKind.MacOS, row.MacOS).Should().Be(row.Class, $"{row.Name} = {row.MacOS} on macOS");
            Errors.ClassOf(OsKind.Windows, row.WindowsErrnoModule).Should().Be(row.Class, $"errno.{row.Name} on Windows");
            if (row.WindowsSocketError != ConstantTable.Absent)
            {
                var errno = (int)row.WindowsSocketError;
                Errors.ClassOf(OsKind.Windows, errno).Should().Be(row.Class, $"{row.Name} = {errno} on Windows");
                var made = Errors.FromErrno(OsKind.Windows, errno);
                made.GetType().Name.Should().Be(row.Class.ToString(), row.Name);
                made.errno.Should().Be(errno);
                made.winerror.Should().Be(Errno.ToWinError(errno));
            }
        }
    }

    [Theory]
    [InlineData(10035, "BlockingIOError", 10035, "[WinError 10035] A non-blocking socket operation could not be completed immediately")]
    [InlineData(10061, "ConnectionRefusedError", 10061, "[WinError 10061] No connection could be made because the target machine actively refused it")]
    [InlineData(10054, "ConnectionResetError", 10054, "[WinError 10054] An existing connection was forcibly closed by the remote host")]
    [InlineData(10060, "TimeoutError", 10060, "[WinError 10060] A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond")]
    [InlineData(10048, "OSError", 10048, "[WinError 10048] Only one usage of each socket address (protocol/network address/port) is normally permitted")]
    [InlineData(10004, "InterruptedError", 4, "[WinError 10004] A blocking operation was interrupted by a call to WSACancelBlockingCall")]
    [InlineData(10013, "PermissionError", 13, "[WinError 10013] An attempt was made to access a socket in a way forbidden by its access permissions")]
    [InlineData(10022, "OSError", 22, "[WinError 10022] An invalid argument was supplied")]
    [InlineData(10009, "OSError", 9, "[WinError 10009] The file handle supplied is not valid")]
    [InlineData(10058, "BrokenPipeError", 10058, "[WinError 10058] A request to send or receive data was disallowed because the socket had already been shut down in that direction with a previous shutdown call")]
    public void A_winsock_error_reads_as_cpython_on_windows(int code, string cls, int errno, string message)
    {
        var e = Errors.FromWinError(code);
        e.GetType().Name.Should().Be(cls);
        e.errno.Should().Be(errno);
        e.winerror.Should().Be(code);
        e.Message.Should().Be(message);
        e.strerror.Should().Be(message[(message.IndexOf(']', StringComparison.Ordinal) + 2)..]);

        // The mapped errno names the same error.
        var again = Errors.FromErrno(OsKind.Windows, errno);
        again.winerror.Should().Be(code);
        again.Message.Should().Be(message);
    }

    [Fact]
    public void Linux_errors_have_no_winerror_and_read_errno_n()
    {
        var e = Errors.FromErrno(OsKind.LinuxGlibc, 111);
        e.Should().BeOfType<ConnectionRefusedError>();
        e.winerror.Should().BeNull();
        e.Message.Should().Be("[Errno 111] Connection refused");
        Errors.FromErrno(OsKind.MacOS, 61).Should().BeOfType<ConnectionRefusedError>();
        Errors.FromErrno(OsKind.MacOS, 35).Should().BeOfType<BlockingIOError>();
        Errors.FromErrno(OsKind.MacOS, 111).Should().BeOfType<OSError>("111 is not ECONNREFUSED on macOS");
        Errors.FromErrno(OsKind.Windows, 111).Should().BeOfType<OSError>("111 is not ECONNREFUSED on Windows");
    }

    [Fact]
    public void A_closed_socket_is_ebadf_on_posix_and_wsaenotsock_on_windows()
    {
        Errors.BadFileDescriptor(OsKind.LinuxGlibc).Message.Should().Be("[Errno 9] Bad file descriptor");
        Errors.BadFileDescriptor(OsKind.MacOS).errno.Should().Be(9);
        var windows = Errors.BadFileDescriptor(OsKind.Windows);
        windows.Should().BeOfType<OSError>();
        windows.errno.Should().Be(10038);
        windows.winerror.Should().Be(10038);
        windows.Message.Should().Be("[WinError 10038] An operation was attempted on something that is not a socket");
    }

    [Fact]
    public void Winerror_maps_as_pc_errmap_h()
    {
        foreach (var code in new[] { 10004, 10009, 10013, 10014, 10022, 10024 })
        {
            Errno.FromWinError(code).Should().Be(code - 10000);
            Errno.ToWinError(code - 10000).Should().Be(code);
        }

        Errno.FromWinError(10035).Should().Be(10035);
        Errno.FromWinError(10061).Should().Be(10061);
        Errno.ToWinError(10061).Should().Be(10061);
        Errno.ToWinError(2).Should().BeNull("ENOENT has no Winsock code");
    }

    [PythonFact]
    public void The_running_os_errno_values_and_texts_match_python3()
    {
        const string script = """
import errno, json, os
names = [line.split('\t')[0] for line in open(PATH).read().splitlines()[1:]]
print(json.dumps({n: [getattr(errno, n), os.strerror(getattr(errno, n))] for n in names}))
""";
        var path = Path.Combine(ReferenceTables.Directory, "platform-errno.tsv");
        var python = JsonNode.Parse(Python.Run(script.Replace("PATH", $"'{path}'", StringComparison.Ordinal)))!.AsObject();
        python.Count.Should().Be(ErrnoTable.Rows.Length);
        foreach (var row in ErrnoTable.Rows)
        {
            var expected = python[row.Name]!.AsArray();
            var field = typeof(Errno).GetField(row.Name, BindingFlags.NonPublic | BindingFlags.Static)!;
            field.GetValue(null).Should().Be(expected[0]!.GetValue<int>(), row.Name);
            row.LinuxText.Should().Be(expected[1]!.GetValue<string>(), row.Name);
            Errors.Strerror(row.Linux).Should().Be(expected[1]!.GetValue<string>(), row.Name);
        }
    }

    [Fact]
    public void The_gai_table_is_the_reference_tsv()
    {
        var tsv = ReferenceTables.Read("platform-gai.tsv").Where(r => r["name"] != "(other code)").ToList();
        GaiTable.Rows.Select(r => r.Name).Should().Equal(tsv.Select(r => r["name"]));
        foreach (var (row, t) in GaiTable.Rows.Zip(tsv))
        {
            Stored(row.LinuxGlibc).Should().Be(Cell(t["linux_glibc"]), row.Name);
            Stored(row.LinuxMusl).Should().Be(Cell(t["linux_musl"]), row.Name);
            Stored(row.Windows).Should().Be(Cell(t["windows"]), row.Name);
            Stored(row.MacOS).Should().Be(Cell(t["macos"]), row.Name);
            (row.GlibcText ?? "-").Should().Be(t["glibc_gai_strerror"], row.Name);
            (row.MuslText ?? "-").Should().Be(t["musl_gai_strerror"], row.Name);
            (row.MacOSText ?? "-").Should().Be(t["macos_gai_strerror"], row.Name);
            (row.WindowsText ?? "-").Should().Be(t["windows_python_message"], row.Name);
        }
    }

    [Fact]
    public void Gai_texts_per_os()
    {
        Errors.GaiText(OsKind.LinuxGlibc, -2).Should().Be("Name or service not known");
        Errors.GaiText(OsKind.LinuxMusl, -2).Should().Be("Name does not resolve");
        Errors.GaiText(OsKind.MacOS, 8).Should().Be("nodename nor servname provided, or not known");
        Errors.GaiText(OsKind.Windows, 11001).Should().Be("getaddrinfo failed");
        Errors.GaiText(OsKind.Windows, 12345).Should().Be("getaddrinfo failed");
        Errors.GaiText(OsKind.LinuxGlibc, -1234).Should().Be("Unknown error");
    }

    [Fact]
    public void The_glibc_gai_texts_are_what_this_machines_gai_strerror_says()
    {
        foreach (var row in GaiTable.Rows.Where(r => r.LinuxGlibc != ConstantTable.Absent))
        {
            NamePal.Current.GaiErrorText((int)row.LinuxGlibc).Should().Be(row.GlibcText, row.Name);
        }
    }

    [Fact]
    public void Enum_members_take_the_running_os_values_and_canonical_names()
    {
        AddressFamily.AF_INET6.value.Should().Be(Socket.AF_INET6);
        new AddressFamily(16).name.Should().Be("AF_NETLINK", "IntEnum keeps the first name of a value in (value, name) order");
        new AddressFamily(12).name.Should().BeNull("AF_DECnet is not upper case, so socket.py leaves it out of the enum");
        SocketKind.SOCK_STREAM.repr().Should().Be("<SocketKind.SOCK_STREAM: 1>");
    }
}

/// <summary>Finds and reads the reference TSVs: PYSOCKET_REFERENCE, ../shared/reference above the repository, or /work/shared/reference.</summary>
internal static class ReferenceTables
{
    private static readonly Lazy<string> Found = new(Locate);

    public static string Directory => Found.Value;

    public static List<Dictionary<string, string>> Read(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, file));
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => header.Zip(l.Split('\t')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static string Locate()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PYSOCKET_REFERENCE") is { Length: > 0 } env)
        {
            candidates.Add(env);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "shared", "reference"));
        }

        candidates.Add("/work/shared/reference");
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "platform-constants.tsv")))
            ?? throw new FileNotFoundException(
                "the reference tables platform-*.tsv were not found (set PYSOCKET_REFERENCE): " + string.Join(", ", candidates));
    }
}
