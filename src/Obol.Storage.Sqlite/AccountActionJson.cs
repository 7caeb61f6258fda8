using System.Buffers;
using System.Text.Json;
using NodaTime.Text;
using Obol.Accounting;

namespace Obol.Storage.Sqlite;

/// <summary>
/// An action list as stored JSON: the fields of <see cref="AccountAction"/> and its <see cref="BalanceFilter"/>,
/// unset ones left out so a read gives back the same nulls. StringMaps are objects (<c>{"DST":true,"X":false}</c>),
/// not CSV text, so ids holding <c>;</c> or <c>!</c> survive. <see cref="BalanceFilter.Timings"/> is not kept: it is
/// resolved from the loaded plan's timings, and actions set over the API never carry it.
/// </summary>
public static class AccountActionJson
{
    private static readonly InstantPattern s_instant = InstantPattern.ExtendedIso;

    public static string Write(IReadOnlyList<AccountAction> actions)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var action in actions)
            {
                Write(json, action);
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="InvalidDataException">The text is not an action list this writer wrote.</exception>
    public static IReadOnlyList<AccountAction> Read(string text) => StoredJson.Parse(text, root =>
        root.EnumerateArray().Select(ReadAction).ToList());

    private static void Write(Utf8JsonWriter json, AccountAction action)
    {
        json.WriteStartObject();
        json.WriteString("Id", action.Id);
        json.WriteString("ActionType", action.ActionType);
        StoredJson.WriteIfNotEmpty(json, "ExtraParameters", action.ExtraParameters);
        if (action.FilterIds.Count > 0)
        {
            json.WriteStartArray("FilterIds");
            foreach (var id in action.FilterIds)
            {
                json.WriteStringValue(id);
            }
            json.WriteEndArray();
        }
        StoredJson.WriteIfNotEmpty(json, "ExpiryTime", action.ExpiryTime);
        json.WriteNumber("Weight", action.Weight);
        if (action.ValueFormula is { } formula)
        {
            json.WriteStartObject("ValueFormula");
            json.WriteString("Method", formula.Method);
            json.WriteNumber("Static", formula.Static);
            if (formula.Units is { } units)
            {
                json.WriteNumber("Units", units);
            }
            StoredJson.WriteIfNotNull(json, "Interval", formula.Interval);
            StoredJson.WriteIfNotNull(json, "Increment", formula.Increment);
            json.WriteEndObject();
        }
        json.WritePropertyName("Balance");
        Write(json, action.Balance);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, BalanceFilter filter)
    {
        json.WriteStartObject();
        StoredJson.WriteIfNotNull(json, "Uuid", filter.Uuid);
        StoredJson.WriteIfNotNull(json, "ID", filter.ID);
        StoredJson.WriteIfNotNull(json, "Type", filter.Type);
        if (filter.Value is { } value)
        {
            json.WriteNumber("Value", value);
        }
        if (filter.ExpirationDate is { } expiration)
        {
            json.WriteString("ExpirationDate", s_instant.Format(expiration));
        }
        if (filter.ExpirationDateSet)
        {
            json.WriteBoolean("ExpirationDateSet", true);
        }
        if (filter.Weight is { } weight)
        {
            json.WriteNumber("Weight", weight);
        }
        WriteMap(json, "DestinationIDs", filter.DestinationIDs);
        StoredJson.WriteIfNotNull(json, "RatingSubject", filter.RatingSubject);
        WriteMap(json, "Categories", filter.Categories);
        WriteMap(json, "SharedGroups", filter.SharedGroups);
        WriteMap(json, "TimingIDs", filter.TimingIDs);
        if (filter.Disabled is { } disabled)
        {
            json.WriteBoolean("Disabled", disabled);
        }
        if (filter.Blocker is { } blocker)
        {
            json.WriteBoolean("Blocker", blocker);
        }
        if (filter.Factors is { } factors)
        {
            json.WriteStartObject("Factors");
            foreach (var (key, factor) in factors.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(key, factor);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, StringMap? map)
    {
        if (map is null)
        {
            return;
        }
        json.WriteStartObject(name);
        foreach (var (key, included) in map.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            json.WriteBoolean(key, included);
        }
        json.WriteEndObject();
    }

    private static AccountAction ReadAction(JsonElement e) => new()
    {
        Id = StoredJson.String(e, "Id") ?? "",
        ActionType = StoredJson.String(e, "ActionType") ?? "",
        ExtraParameters = StoredJson.String(e, "ExtraParameters") ?? "",
        FilterIds = e.TryGetProperty("FilterIds", out var filters) ? [.. filters.EnumerateArray().Select(f => f.GetString() ?? "")] : [],
        ExpiryTime = StoredJson.String(e, "ExpiryTime") ?? "",
        Weight = StoredJson.Decimal(e, "Weight") ?? 0m,
        ValueFormula = e.TryGetProperty("ValueFormula", out var f) ? new BalanceValueFormula(StoredJson.String(f, "Method") ?? "",
            StoredJson.Decimal(f, "Static") ?? 0m, StoredJson.Decimal(f, "Units"), StoredJson.String(f, "Interval"), StoredJson.String(f, "Increment")) : null,
        Balance = e.TryGetProperty("Balance", out var b) ? ReadFilter(b) : new BalanceFilter(),
    };

    private static BalanceFilter ReadFilter(JsonElement e) => new()
    {
        Uuid = StoredJson.String(e, "Uuid"),
        ID = StoredJson.String(e, "ID"),
        Type = StoredJson.String(e, "Type"),
        Value = StoredJson.Decimal(e, "Value"),
        ExpirationDate = StoredJson.String(e, "ExpirationDate") is { } date ? s_instant.Parse(date).GetValueOrThrow() : null,
        ExpirationDateSet = StoredJson.Bool(e, "ExpirationDateSet") ?? false,
        Weight = StoredJson.Decimal(e, "Weight"),
        DestinationIDs = ReadMap(e, "DestinationIDs"),
        RatingSubject = StoredJson.String(e, "RatingSubject"),
        Categories = ReadMap(e, "Categories"),
        SharedGroups = ReadMap(e, "SharedGroups"),
        TimingIDs = ReadMap(e, "TimingIDs"),
        Disabled = StoredJson.Bool(e, "Disabled"),
        Blocker = StoredJson.Bool(e, "Blocker"),
        Factors = e.TryGetProperty("Factors", out var factors)
            ? factors.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal(), StringComparer.Ordinal)
            : null,
    };

    private static StringMap? ReadMap(JsonElement e, string name) =>
        e.TryGetProperty(name, out var map) ? new StringMap(map.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetBoolean()))) : null;
}
