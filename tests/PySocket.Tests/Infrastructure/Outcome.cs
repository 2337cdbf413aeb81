using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace PySocket.Tests.Infrastructure;

/// <summary>
/// The result of one call, in the same JSON shape the Python driver prints: <c>{"value": ...}</c> or
/// <c>{"error": "ConnectionRefusedError", "errno": 111, "message": "[Errno 111] Connection refused"}</c>.
/// </summary>
public static class Outcome
{
    /// <summary>Runs <paramref name="call"/> and records its value or the Python class of its exception.</summary>
    public static JsonNode Of(Func<object?> call)
    {
        try
        {
            return new JsonObject { ["value"] = ToJson(call()) };
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return new JsonObject
            {
                ["error"] = PythonClassOf(e),
                ["errno"] = e is OSError os && os.errno is int n ? n : null,
                ["message"] = e.Message,
            };
        }
    }

    /// <summary>The Python class name an exception stands for.</summary>
    public static string PythonClassOf(Exception e) => e switch
    {
        OverflowException => "OverflowError",
        ExceptionGroup => "ExceptionGroup",
        ValueError or TypeError or OSError or LookupError or KeyError => e.GetType().Name,
        InvalidOperationException => "RuntimeError",
        _ => e.GetType().FullName ?? e.GetType().Name,
    };

    /// <summary>Converts a PySocket value to the driver's JSON shape.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        byte[] bytes => new JsonObject { ["bytes"] = Convert.ToHexStringLower(bytes) },
        string s => JsonValue.Create(s),
        int or long or uint or short or ushort or byte or sbyte or ulong => JsonValue.Create(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create((double)f),
        AddressFamily af => JsonValue.Create(af.value),
        SocketKind sk => JsonValue.Create(sk.value),
        SockAddr a => AddressToJson(a),
        ITuple t => new JsonArray(Enumerable.Range(0, t.Length).Select(i => ToJson(t[i])).ToArray()),
        IEnumerable e => new JsonArray(e.Cast<object?>().Select(ToJson).ToArray()),
        _ => new JsonObject { ["repr"] = value.ToString() },
    };

    private static JsonNode? AddressToJson(SockAddr a)
    {
        if (a.path is string p)
        {
            return p.Length > 0 && p[0] == '\0' ? new JsonObject { ["bytes"] = Convert.ToHexStringLower(Encoding.Latin1.GetBytes(p)) } : JsonValue.Create(p);
        }

        var items = new JsonArray(JsonValue.Create(a.host), JsonValue.Create(a.port));
        if (a.Arity >= 3)
        {
            items.Add(a.flowinfo);
        }

        if (a.Arity == 4)
        {
            items.Add(a.scope_id);
        }

        return items;
    }

    /// <summary>A canonical text for a JSON outcome, so 2 and 2.0 compare equal and key order does not matter.</summary>
    public static string Canonical(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonArray arr:
                return "[" + string.Join(", ", arr.Select(Canonical)) + "]";
            case JsonObject obj:
                return "{" + string.Join(", ", obj.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {Canonical(kv.Value)}")) + "}";
            case JsonValue v:
                if (v.TryGetValue<bool>(out var b))
                {
                    return b ? "true" : "false";
                }

                if (v.TryGetValue<string>(out var s))
                {
                    return System.Text.Json.JsonSerializer.Serialize(s);
                }

                // Numbers may be backed by a JsonElement (python3's side) or a decimal/double (PySocket's side):
                // compare integers exactly (64-bit values lose precision as doubles), other numbers as doubles.
                var number = v.ToJsonString();
                if (number.AsSpan().IndexOfAny(".eE") < 0 && System.Numerics.BigInteger.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact))
                {
                    return exact.ToString(CultureInfo.InvariantCulture);
                }

                return double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
            default:
                return node.ToJsonString();
        }
    }
}
