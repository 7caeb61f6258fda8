using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Obol.Cdrs;

namespace Obol.CdrServer;

/// <summary>engine.ArgRateCDRs: Flags, the RPCCDRsFilter flattened, Tenant (unused by CDRs) and APIOpts.</summary>
internal sealed record RateCdrsArgs(CdrQuery Query, IReadOnlyList<string> Flags, IReadOnlyDictionary<string, object?> ApiOpts)
{
    /// <summary>
    /// Decodes the argument. A Flags or APIOpts member of the wrong JSON kind is Go's decoding error
    /// (<paramref name="decodeError"/>, answered as it is); a filter that does not convert is AsCDRsFilter's
    /// (<paramref name="filterError"/>, answered as <c>SERVER_ERROR: ...</c>). No argument selects every CDR.
    /// </summary>
    public static bool TryRead(JsonElement args, DateTimeZone zone, Instant now, [NotNullWhen(true)] out RateCdrsArgs? read,
        out string? decodeError, out string? filterError)
    {
        read = null;
        decodeError = filterError = null;
        List<string> flags = [];
        var opts = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (args.ValueKind != JsonValueKind.Object)
        {
            if (args.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                read = new RateCdrsArgs(CdrQuery.All, flags, opts);
                return true;
            }
            decodeError = $"json: cannot unmarshal {GoKind(args.ValueKind)} into Go value of type engine.ArgRateCDRs";
            return false;
        }
        foreach (var member in args.EnumerateObject())
        {
            if (string.Equals(member.Name, "Flags", StringComparison.OrdinalIgnoreCase))
            {
                if (!TryReadFlags(member.Value, flags, out decodeError))
                {
                    return false;
                }
            }
            else if (string.Equals(member.Name, "APIOpts", StringComparison.OrdinalIgnoreCase))
            {
                if (member.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    decodeError = $"json: cannot unmarshal {GoKind(member.Value.ValueKind)} into Go struct field ArgRateCDRs.APIOpts of type map[string]interface {{}}";
                    return false;
                }
                if (member.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var opt in member.Value.EnumerateObject())
                    {
                        opts[opt.Name] = ToObject(opt.Value);
                    }
                }
            }
        }
        if (!CdrQuery.TryRead(args, zone, now, out var query, out filterError))
        {
            return false;
        }
        read = new RateCdrsArgs(query, flags, opts);
        return true;
    }

    private static bool TryReadFlags(JsonElement value, List<string> flags, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            error = $"json: cannot unmarshal {GoKind(value.ValueKind)} into Go struct field ArgRateCDRs.Flags of type []string";
            return false;
        }
        foreach (var flag in value.EnumerateArray())
        {
            if (flag.ValueKind != JsonValueKind.String)
            {
                error = $"json: cannot unmarshal {GoKind(flag.ValueKind)} into Go struct field ArgRateCDRs.Flags of type string";
                return false;
            }
            flags.Add(flag.GetString()!);
        }
        return true;
    }

    /// <summary>A JSON value as Go's interface{} decodes it (numbers kept exact as decimal).</summary>
    private static object? ToObject(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => decimal.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => value.EnumerateArray().Select(ToObject).ToList(),
        _ => null,
    };

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "bool",
    };
}
