using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// Reads the account JSON <see cref="AccountJson.Write"/> writes (CGRateS's json.Marshal of an Account), so that
/// writing what was read gives the same bytes. Go's zero time reads as "never" (null), JSON null maps and lists as
/// empty ones, and numbers keep their value but not their decimal scale (<c>1.50</c> was written <c>1.5</c>).
/// </summary>
public static class AccountJsonReader
{
    private const string GoZeroTime = "0001-01-01T00:00:00Z";
    private static readonly InstantPattern s_instant = InstantPattern.ExtendedIso;
    private static readonly LocalTimePattern s_startTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    /// <summary>Reads an account whose tenant is the part of <c>ID</c> before the first <c>:</c>.</summary>
    /// <exception cref="InvalidDataException">The text is not an account.</exception>
    public static Account Read(string json) => Read(json, tenant: null);

    /// <summary>Reads an account of a known tenant: <c>ID</c> is <c>tenant:account</c>, and either part may hold a
    /// <c>:</c> that makes the split ambiguous, so a store that knows the tenant passes it.</summary>
    /// <exception cref="InvalidDataException">The text is not an account of that tenant.</exception>
    public static Account Read(string json, string? tenant)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return ReadAccount(document.RootElement, tenant);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException
            or OverflowException or UnparsableValueException or KeyNotFoundException)
        {
            throw new InvalidDataException($"not an account: {e.Message}", e);
        }
    }

    /// <summary>A trigger list as <see cref="AccountJson.WriteTriggers"/> writes it.</summary>
    public static List<ActionTrigger> ReadTriggers(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadList(document.RootElement, ReadTrigger);
    }

    private static Account ReadAccount(JsonElement e, string? tenant)
    {
        var id = e.GetProperty("ID").GetString() ?? "";
        var account = SplitId(id, tenant);
        account.AllowNegative = e.GetProperty("AllowNegative").GetBoolean();
        account.Disabled = e.GetProperty("Disabled").GetBoolean();
        foreach (var (type, balances) in ReadMap(e.GetProperty("BalanceMap")))
        {
            var list = ReadList(balances, ReadBalance);
            foreach (var b in list)
            {
                b.Owner = account;
            }
            account.BalanceMap[type] = list;
        }
        foreach (var (type, counters) in ReadMap(e.GetProperty("UnitCounters")))
        {
            account.UnitCounters[type] = ReadList(counters, ReadUnitCounter);
        }
        account.ActionTriggers = ReadList(e.GetProperty("ActionTriggers"), ReadTrigger);
        return account;
    }

    private static Account SplitId(string id, string? tenant)
    {
        if (tenant is not null)
        {
            if (!id.StartsWith(tenant + ":", StringComparison.Ordinal))
            {
                throw new FormatException($"account ID \"{id}\" is not in tenant \"{tenant}\"");
            }
            return new Account(tenant, id[(tenant.Length + 1)..]);
        }
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new FormatException($"account ID \"{id}\" is not tenant:account");
        }
        return new Account(id[..colon], id[(colon + 1)..]);
    }

    private static Balance ReadBalance(JsonElement e)
    {
        var b = new Balance
        {
            Uuid = e.GetProperty("Uuid").GetString() ?? "",
            ID = e.GetProperty("ID").GetString() ?? "",
            ExpirationDate = ReadTime(e.GetProperty("ExpirationDate")),
            Weight = ReadNumber(e.GetProperty("Weight")),
            DestinationIDs = ReadStringMap(e.GetProperty("DestinationIDs")) ?? [],
            RatingSubject = e.GetProperty("RatingSubject").GetString() ?? "",
            Categories = ReadStringMap(e.GetProperty("Categories")) ?? [],
            SharedGroups = ReadStringMap(e.GetProperty("SharedGroups")) ?? [],
            Timings = ReadTimings(e.GetProperty("Timings")) ?? [],
            TimingIDs = ReadStringMap(e.GetProperty("TimingIDs")) ?? [],
            Disabled = e.GetProperty("Disabled").GetBoolean(),
            Factors = ReadFactors(e.GetProperty("Factors")) ?? new(StringComparer.Ordinal),
            Blocker = e.GetProperty("Blocker").GetBoolean(),
        };
        b.LoadValue(ReadNumber(e.GetProperty("Value")));
        return b;
    }

    private static UnitCounter ReadUnitCounter(JsonElement e) => new()
    {
        CounterType = e.GetProperty("CounterType").GetString() ?? "",
        Counters = ReadList(e.GetProperty("Counters"), c => new CounterFilter
        {
            Value = ReadNumber(c.GetProperty("Value")),
            Filter = ReadFilter(c.GetProperty("Filter")),
        }),
    };

    private static ActionTrigger ReadTrigger(JsonElement e) => new()
    {
        ID = e.GetProperty("ID").GetString() ?? "",
        UniqueID = e.GetProperty("UniqueID").GetString() ?? "",
        ThresholdType = e.GetProperty("ThresholdType").GetString() ?? "",
        ThresholdValue = ReadNumber(e.GetProperty("ThresholdValue")),
        Recurrent = e.GetProperty("Recurrent").GetBoolean(),
        MinSleep = new Usage(e.GetProperty("MinSleep").GetInt64()),
        ExpirationDate = ReadTime(e.GetProperty("ExpirationDate")),
        ActivationDate = ReadTime(e.GetProperty("ActivationDate")),
        Balance = ReadFilter(e.GetProperty("Balance")),
        Weight = ReadNumber(e.GetProperty("Weight")),
        ActionsId = e.GetProperty("ActionsID").GetString() ?? "",
        Executed = e.GetProperty("Executed").GetBoolean(),
        LastExecutionTime = ReadTime(e.GetProperty("LastExecutionTime")),
    };

    private static BalanceFilter ReadFilter(JsonElement e)
    {
        var expiration = e.GetProperty("ExpirationDate");
        var value = e.GetProperty("Value");
        return new BalanceFilter
        {
            Uuid = e.GetProperty("Uuid").GetString(),
            ID = e.GetProperty("ID").GetString(),
            Type = e.GetProperty("Type").GetString(),
            Value = value.ValueKind == JsonValueKind.Null ? null : ReadNumber(value.GetProperty("Static")),
            ExpirationDateSet = expiration.ValueKind != JsonValueKind.Null,
            ExpirationDate = expiration.ValueKind == JsonValueKind.Null ? null : ReadTime(expiration),
            Weight = ReadNullableNumber(e.GetProperty("Weight")),
            DestinationIDs = ReadStringMap(e.GetProperty("DestinationIDs")),
            RatingSubject = e.GetProperty("RatingSubject").GetString(),
            Categories = ReadStringMap(e.GetProperty("Categories")),
            SharedGroups = ReadStringMap(e.GetProperty("SharedGroups")),
            TimingIDs = ReadStringMap(e.GetProperty("TimingIDs")),
            Timings = ReadTimings(e.GetProperty("Timings")),
            Disabled = ReadNullableBool(e.GetProperty("Disabled")),
            Factors = ReadFactors(e.GetProperty("Factors")),
            Blocker = ReadNullableBool(e.GetProperty("Blocker")),
        };
    }

    private static List<Timing>? ReadTimings(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? null : ReadList(e, ReadTiming);

    private static Timing ReadTiming(JsonElement e)
    {
        var startText = e.GetProperty("StartTime").GetString() ?? "";
        var endText = e.GetProperty("EndTime").GetString() ?? "";
        // The loader keeps the start as written and parses it HH:mm:ss; anything else started at midnight.
        var start = s_startTime.Parse(startText) is { Success: true } parsed ? parsed.Value : LocalTime.Midnight;
        LocalTime? end = endText.Length == 0 ? null : LocalTimePattern.ExtendedIso.Parse(endText).Value;
        return new Timing(e.GetProperty("ID").GetString() ?? "", ReadInts(e.GetProperty("Years")),
            ReadInts(e.GetProperty("Months")), ReadInts(e.GetProperty("MonthDays")), ReadInts(e.GetProperty("WeekDays")),
            start, end, startText);
    }

    private static int[] ReadInts(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? [] : [.. e.EnumerateArray().Select(v => v.GetInt32())];

    private static IEnumerable<(string Key, JsonElement Value)> ReadMap(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? [] : e.EnumerateObject().Select(p => (p.Name, p.Value));

    private static List<T> ReadList<T>(JsonElement e, Func<JsonElement, T> readItem) =>
        e.ValueKind == JsonValueKind.Null ? [] : [.. e.EnumerateArray().Select(readItem)];

    private static StringMap? ReadStringMap(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? null : new StringMap(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetBoolean())));

    private static Dictionary<string, decimal>? ReadFactors(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? null
            : e.EnumerateObject().ToDictionary(p => p.Name, p => ReadNumber(p.Value), StringComparer.Ordinal);

    // Go writes floats below 1e-6 and from 1e21 in exponent form, which JsonElement.GetDecimal rejects.
    private static decimal ReadNumber(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number
            ? decimal.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : throw new FormatException($"expected a number, found {e.ValueKind}");

    private static decimal? ReadNullableNumber(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : ReadNumber(e);

    private static bool? ReadNullableBool(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetBoolean();

    private static Instant? ReadTime(JsonElement e)
    {
        var text = e.GetString() ?? "";
        return text == GoZeroTime ? null : s_instant.Parse(text).Value;
    }
}
