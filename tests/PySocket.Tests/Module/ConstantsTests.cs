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
            var field = typeof(Socket).GetField(name, BindingFlags.Public | BindingFlags.Static);
            if (field is null)
            {
                mismatches.Add($"{name}: missing (python3 has {node!.ToJsonString()})");
                continue;
            }

            var value = field.IsLiteral ? field.GetRawConstantValue() : field.GetValue(null);
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
        INADDR_NONE.Should().Be(0xffffffffu);
        has_ipv6.Should().BeTrue();
    }

    [Fact]
    public void Constant_fields_are_declared_as_constants_so_they_work_in_switch_cases()
    {
        var fields = typeof(Socket).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.Name.StartsWith("SOL_", StringComparison.Ordinal) || f.Name.StartsWith("AF_", StringComparison.Ordinal));
        fields.Should().OnlyContain(f => f.IsLiteral);
    }
}
