using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Cdrs;

/// <summary>Reading the JSON-RPC argument (RPCCDRsFilter, also flattened into RPCCDRsFilterWithAPIOpts and
/// ArgExportCDRs): Go's field names, Paginator's Limit/Offset at the top level, ExtraArgs for order ids and costs.</summary>
public sealed partial class CdrQuery
{
    private static readonly string[] s_unsupported = ["CreatedAtStart", "CreatedAtEnd", "UpdatedAtStart", "UpdatedAtEnd"];

    /// <summary>Parses the argument; time strings are read as AsCDRsFilter reads them (ParseTimeDetectLayout in
    /// <paramref name="timezone"/>, relative forms from <paramref name="now"/>), usage bounds as
    /// ParseDurationWithNanosecs. Errors carry Go's texts (<c>Unsupported time format</c>,
    /// <c>time: invalid duration "x"</c>, <c>Invalid value : X</c>) prefixed with the argument name; the API wraps
    /// them as <c>SERVER_ERROR: ...</c>. Unknown members (Tenant, APIOpts, ExporterIDs...) are ignored.</summary>
    public static bool TryParse(string json, DateTimeZone timezone, Instant now,
        [NotNullWhen(true)] out CdrQuery? query, [NotNullWhen(false)] out string? error)
    {
        query = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return TryRead(document.RootElement, timezone, now, out query, out error);
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }

    public static bool TryRead(JsonElement root, DateTimeZone timezone, Instant now,
        [NotNullWhen(true)] out CdrQuery? query, [NotNullWhen(false)] out string? error) =>
        TryBuild(root, timezone, now, Build, out query, out error);

    private static CdrQuery Build(ArgReader reader, CdrOrder? orderBy)
    {
        foreach (var name in s_unsupported)
        {
            if (reader.String(name) is { Length: > 0 })
            {
                reader.Fail(name, "not supported by this store (CDRs keep no creation/update time)");
            }
        }
        var extraArgs = reader.Object("ExtraArgs");
        return new CdrQuery
        {
            Cgrids = reader.Strings("CGRIDs"),
            NotCgrids = reader.Strings("NotCGRIDs"),
            RunIds = reader.Strings("RunIDs"),
            NotRunIds = reader.Strings("NotRunIDs"),
            OriginIds = reader.Strings("OriginIDs"),
            NotOriginIds = reader.Strings("NotOriginIDs"),
            OriginHosts = reader.Strings("OriginHosts"),
            NotOriginHosts = reader.Strings("NotOriginHosts"),
            Sources = reader.Strings("Sources"),
            NotSources = reader.Strings("NotSources"),
            ToRs = reader.Strings("ToRs"),
            NotToRs = reader.Strings("NotToRs"),
            RequestTypes = reader.Strings("RequestTypes"),
            NotRequestTypes = reader.Strings("NotRequestTypes"),
            Tenants = reader.Strings("Tenants"),
            NotTenants = reader.Strings("NotTenants"),
            Categories = reader.Strings("Categories"),
            NotCategories = reader.Strings("NotCategories"),
            Accounts = reader.Strings("Accounts"),
            NotAccounts = reader.Strings("NotAccounts"),
            Subjects = reader.Strings("Subjects"),
            NotSubjects = reader.Strings("NotSubjects"),
            DestinationPrefixes = reader.Strings("DestinationPrefixes"),
            NotDestinationPrefixes = reader.Strings("NotDestinationPrefixes"),
            Costs = reader.Numbers("Costs"),
            NotCosts = reader.Numbers("NotCosts"),
            ExtraFields = reader.StringMap("ExtraFields"),
            NotExtraFields = reader.StringMap("NotExtraFields"),
            SetupTimeStart = reader.Time("SetupTimeStart"),
            SetupTimeEnd = reader.Time("SetupTimeEnd"),
            AnswerTimeStart = reader.Time("AnswerTimeStart"),
            AnswerTimeEnd = reader.Time("AnswerTimeEnd"),
            MinUsage = reader.Duration("MinUsage"),
            MaxUsage = reader.Duration("MaxUsage"),
            OrderBy = orderBy,
            Limit = reader.Int("Limit"),
            Offset = reader.Int("Offset"),
            OrderIdStart = reader.ExtraInt64(extraArgs, "OrderIDStart"),
            OrderIdEnd = reader.ExtraInt64(extraArgs, "OrderIDEnd"),
            MinCost = reader.ExtraDecimal(extraArgs, "MinCost"),
            MaxCost = reader.ExtraDecimal(extraArgs, "MaxCost"),
        };
    }

    /// <summary>A filter object read by <paramref name="build"/> (null selects every CDR), OrderBy parsed for it, the
    /// first member that failed reported.</summary>
    private static bool TryBuild(JsonElement root, DateTimeZone timezone, Instant now, Func<ArgReader, CdrOrder?, CdrQuery> build,
        [NotNullWhen(true)] out CdrQuery? query, [NotNullWhen(false)] out string? error)
    {
        query = null;
        if (root.ValueKind == JsonValueKind.Null)
        {
            query = All;
            error = null;
            return true;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the CDR filter must be a JSON object";
            return false;
        }
        var reader = new ArgReader(root, timezone, now);
        CdrOrder? orderBy = null;
        if (reader.String("OrderBy") is { Length: > 0 } orderText)
        {
            if (CdrOrder.TryParse(orderText, out var order, out var orderError))
            {
                orderBy = order;
            }
            else
            {
                reader.Fail("OrderBy", orderError!);
            }
        }
        var built = build(reader, orderBy);
        if (reader.Error is { } failure)
        {
            error = failure;
            return false;
        }
        query = built;
        error = null;
        return true;
    }

    /// <summary>Reads members by name, keeping the first failure.</summary>
    private sealed class ArgReader(JsonElement root, DateTimeZone timezone, Instant now)
    {
        public string? Error { get; private set; }

        public void Fail(string name, string message) => Error ??= $"{name}: {message}";

        public string? String(string name) =>
            Member(name) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString() : Wrong<string>(name, "a string") : null;

        public IReadOnlyDictionary<string, object?> Object(string name)
        {
            if (Member(name) is not { } value)
            {
                return new Dictionary<string, object?>(StringComparer.Ordinal);
            }
            if (value.ValueKind != JsonValueKind.Object)
            {
                Fail(name, "expected an object");
                return new Dictionary<string, object?>(StringComparer.Ordinal);
            }
            return (Dictionary<string, object?>)JsonValues.ToObject(value)!;
        }

        public string[] Strings(string name)
        {
            if (Member(name) is not { } value)
            {
                return [];
            }
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                Fail(name, "expected an array of strings");
                return [];
            }
            return value.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        }

        public decimal[] Numbers(string name)
        {
            if (Member(name) is not { } value)
            {
                return [];
            }
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number))
            {
                Fail(name, "expected an array of numbers");
                return [];
            }
            return value.EnumerateArray().Select(e => decimal.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        }

        public Dictionary<string, string> StringMap(string name)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Member(name) is not { } value)
            {
                return map;
            }
            if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
            {
                Fail(name, "expected an object of strings");
                return map;
            }
            foreach (var property in value.EnumerateObject())
            {
                map[property.Name] = property.Value.GetString() ?? "";
            }
            return map;
        }

        public Instant? Time(string name)
        {
            if (String(name) is not { Length: > 0 } text)
            {
                return null;
            }
            if (!GoTime.TryParse(text, timezone, now, out var parsed))
            {
                Fail(name, "Unsupported time format");
                return null;
            }
            return parsed.ToInstant();
        }

        public Usage? Duration(string name)
        {
            if (String(name) is not { Length: > 0 } text)
            {
                return null;
            }
            if (!Usage.TryParse(text, out var usage))
            {
                Fail(name, $"time: invalid duration \"{text}\"");
                return null;
            }
            return usage;
        }

        public int? Int(string name)
        {
            if (Member(name) is not { } value)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            {
                Fail(name, "expected an integer");
                return null;
            }
            return number;
        }

        public long? Int64(string name)
        {
            if (Member(name) is not { } value || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            {
                Fail(name, "expected an integer");
                return null;
            }
            return number;
        }

        public bool Bool(string name)
        {
            if (Member(name) is not { } value || value.ValueKind == JsonValueKind.Null)
            {
                return false;
            }
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Fail(name, "expected a boolean");
                return false;
            }
            return value.GetBoolean();
        }

        public long? ExtraInt64(IReadOnlyDictionary<string, object?> extraArgs, string name)
        {
            if (!extraArgs.TryGetValue(name, out var value))
            {
                return null;
            }
            if (!EventValues.TryAsInt64(value, out var number, out var message))
            {
                Fail(name, message);
                return null;
            }
            return number;
        }

        public decimal? ExtraDecimal(IReadOnlyDictionary<string, object?> extraArgs, string name)
        {
            if (!extraArgs.TryGetValue(name, out var value))
            {
                return null;
            }
            if (!EventValues.TryAsDecimal(value, out var number, out var message))
            {
                Fail(name, message);
                return null;
            }
            return number;
        }

        /// <summary>The member, or null when absent or JSON null (Go leaves the field at its zero value).</summary>
        private JsonElement? Member(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private T? Wrong<T>(string name, string expected)
            where T : class
        {
            Fail(name, $"expected {expected}");
            return null;
        }
    }
}
