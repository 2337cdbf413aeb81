using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using FluentAssertions;
using PySocket.Tests.Infrastructure;
using Xunit;
using static PySocket.Socket;

namespace PySocket.Tests.Module;

public sealed class ConstantsTests
{
    private const string Script = """
import json, socket
prefixes = ('AF_', 'PF_', 'SOCK_', 'SOL_', 'SO_', 'SCM_', 'IPPROTO_', 'IPPORT_', 'TCP_', 'IP_', 'IPV6_', 'MSG_',
            'SHUT_', 'AI_', 'NI_', 'EAI_', 'INADDR_', 'UDPLITE_')
extra = ('SOMAXCONN', 'EBADF', 'EAGAIN', 'EWOULDBLOCK', 'has_ipv6')
out = {}
for name in dir(socket):
    value = getattr(socket, name)
    if (name.startswith(prefixes) and isinstance(value, int)) or name in extra:
        out[name] = value if isinstance(value, bool) else int(value)
print(json.dumps(out))
""";

    [PythonFact]
    public void Every_integer_constant_of_pythons_socket_module_exists_with_the_same_value()
    {
        var python = JsonNode.Parse(Python.Run(Script))!.AsObject();
        python.Count.Should().BeGreaterThan(200, "python3's socket module has a few hundred such constants on Linux");

        var mismatches = new List<string>();
        foreach (var (name, node) in python)
        {
            if (!SocketConstant.TryRead(name, out var value))
            {
                mismatches.Add($"{name}: missing (python3 has {node!.ToJsonString()})");
                continue;
            }

            if (value is bool b)
            {
                if (b != node!.GetValue<bool>())
                {
                    mismatches.Add($"{name}: PySocket {b}, python3 {node.ToJsonString()}");
                }

                continue;
            }

            var want = node!.GetValue<long>();
            var got = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            if (got != want)
            {
                mismatches.Add($"{name}: PySocket {got}, python3 {want}");
            }
        }

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Core_constants_have_the_linux_values()
    {
        AF_INET.Should().Be(2);
        AF_INET6.Should().Be(10);
        SOL_SOCKET.Should().Be(1);
        SO_REUSEADDR.Should().Be(2);
        SOCK_STREAM.Should().Be(1);
        EAI_NONAME.Should().Be(-2);
        INADDR_NONE.Should().Be(0xffffffffL);
        has_ipv6.Should().BeTrue();
    }

    [Fact]
    public void Constants_that_are_the_same_on_every_os_stay_const_so_they_work_in_switch_cases()
    {
        var consts = typeof(Socket).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => f.Name).ToHashSet();
        consts.Should().Contain(["AF_UNSPEC", "AF_INET", "SOCK_STREAM", "SOCK_DGRAM", "IPPROTO_TCP", "IPPROTO_UDP", "SHUT_RDWR", "MSG_PEEK"]);
        consts.Should().NotContain(["AF_INET6", "AF_UNIX", "SOL_SOCKET", "SO_REUSEADDR", "EAI_NONAME"], "their values differ between OSes");
    }
}

/// <summary>Reads a public socket constant by name, whether it is generated as a const, a static field or a property.</summary>
internal static class SocketConstant
{
    public static bool TryRead(string name, out object? value)
    {
        var field = typeof(Socket).GetField(name, BindingFlags.Public | BindingFlags.Static);
        if (field is not null)
        {
            value = field.IsLiteral ? field.GetRawConstantValue() : field.GetValue(null);
            return true;
        }

        var property = typeof(Socket).GetProperty(name, BindingFlags.Public | BindingFlags.Static);
        if (property is not null)
        {
            try
            {
                value = property.GetValue(null);
                return true;
            }
            catch (TargetInvocationException e) when (e.InnerException is AttributeError)
            {
            }
        }

        value = null;
        return false;
    }

    public static MemberInfo? Member(string name) =>
        (MemberInfo?)typeof(Socket).GetField(name, BindingFlags.Public | BindingFlags.Static) ??
        typeof(Socket).GetProperty(name, BindingFlags.Public | BindingFlags.Static);
}
