using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// The account as CGRateS's json.Marshal writes it (what <c>*log</c> logs and <c>*http_post</c> posts): Go field names
/// and order, map keys sorted, numbers in Go's float notation, times in RFC 3339 with Go's zero time for "never".
/// </summary>
public static partial class AccountJson
{
    private const string GoZeroTime = "0001-01-01T00:00:00Z";
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Account account)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteUtf8(account, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The same JSON as UTF-8 into <paramref name="output"/>, escaped by <paramref name="encoder"/> (the API passes
    /// Go's, which also escapes <c>&lt;&gt;&amp;</c>), so a reply needs no second serialisation.</summary>
    public static void WriteUtf8(Account account, IBufferWriter<byte> output, JavaScriptEncoder? encoder = null)
    {
        using var w = new Utf8JsonWriter(output, encoder is null ? s_options : new JsonWriterOptions { Encoder = encoder });
        w.WriteStartObject();
        w.WriteString("ID"u8, account.Id);
        w.WritePropertyName("BalanceMap"u8);
        WriteMap(w, account.BalanceMap, (w, balances) => WriteList(w, balances, WriteBalance));
        w.WritePropertyName("UnitCounters"u8);
        WriteMap(w, account.UnitCounters, (w, counters) => WriteList(w, counters, WriteUnitCounter));
        w.WritePropertyName("ActionTriggers"u8);
        if (account.ActionTriggers.Count == 0)
        {
            w.WriteNullValue();
        }
        else
        {
            WriteList(w, account.ActionTriggers, WriteTrigger);
        }
        w.WriteBoolean("AllowNegative"u8, account.AllowNegative);
        w.WriteBoolean("Disabled"u8, account.Disabled);
        w.WriteEndObject();
    }

    /// <summary>engine.ActionTriggers as CGRateS marshals them (an account's, or a trigger group's); <c>[]</c> when empty.</summary>
    public static string WriteTriggers(IReadOnlyList<ActionTrigger> triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            WriteList(w, triggers, WriteTrigger);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Go's strconv.FormatFloat(v, 'f', -1, 64): no exponent, no trailing zeros.</summary>
    public static string FormatPlain(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Go's encoding/json float64 form: plain between 1e-6 and 1e21, exponent (<c>1e-7</c>, <c>1e+21</c>) outside.</summary>
    public static string FormatNumber(decimal value) => GoFloat.Format(value);

    private static void WriteBalance(Utf8JsonWriter w, Balance b)
    {
        w.WriteStartObject();
        w.WriteString("Uuid"u8, b.Uuid);
        w.WriteString("ID"u8, b.ID);
        WriteNumber(w, "Value"u8, b.Value);
        WriteTime(w, "ExpirationDate"u8, b.ExpirationDate);
        WriteNumber(w, "Weight"u8, b.Weight);
        WriteStringMap(w, "DestinationIDs"u8, b.DestinationIDs);
        w.WriteString("RatingSubject"u8, b.RatingSubject);
        WriteStringMap(w, "Categories"u8, b.Categories);
        WriteStringMap(w, "SharedGroups"u8, b.SharedGroups);
        WriteTimings(w, b.Timings.Count == 0 ? null : b.Timings);
        WriteStringMap(w, "TimingIDs"u8, b.TimingIDs);
        w.WriteBoolean("Disabled"u8, b.Disabled);
        WriteFactors(w, b.Factors.Count == 0 ? null : b.Factors);
        w.WriteBoolean("Blocker"u8, b.Blocker);
        w.WriteEndObject();
    }

    private static void WriteUnitCounter(Utf8JsonWriter w, UnitCounter uc)
    {
        w.WriteStartObject();
        w.WriteString("CounterType"u8, uc.CounterType);
        w.WritePropertyName("Counters"u8);
        WriteList(w, uc.Counters, (w, c) =>
        {
            w.WriteStartObject();
            WriteNumber(w, "Value"u8, c.Value);
            w.WritePropertyName("Filter"u8);
            WriteFilter(w, c.Filter);
            w.WriteEndObject();
        });
        w.WriteEndObject();
    }

    private static void WriteTrigger(Utf8JsonWriter w, ActionTrigger at)
    {
        w.WriteStartObject();
        w.WriteString("ID"u8, at.ID);
        w.WriteString("UniqueID"u8, at.UniqueID);
        w.WriteString("ThresholdType"u8, at.ThresholdType);
        WriteNumber(w, "ThresholdValue"u8, at.ThresholdValue);
        w.WriteBoolean("Recurrent"u8, at.Recurrent);
        w.WriteNumber("MinSleep"u8, at.MinSleep.Nanoseconds);
        WriteTime(w, "ExpirationDate"u8, at.ExpirationDate);
        WriteTime(w, "ActivationDate"u8, at.ActivationDate);
        w.WritePropertyName("Balance"u8);
        WriteFilter(w, at.Balance);
        WriteNumber(w, "Weight"u8, at.Weight);
        w.WriteString("ActionsID"u8, at.ActionsId);
        w.WriteNumber("MinQueuedItems"u8, 0);
        w.WriteBoolean("Executed"u8, at.Executed);
        WriteTime(w, "LastExecutionTime"u8, at.LastExecutionTime);
        w.WriteEndObject();
    }

    // Go's BalanceFilter holds pointers: an unset field is null.
    private static void WriteFilter(Utf8JsonWriter w, BalanceFilter f)
    {
        w.WriteStartObject();
        WriteNullable(w, "Uuid"u8, f.Uuid);
        WriteNullable(w, "ID"u8, f.ID);
        WriteNullable(w, "Type"u8, f.Type);
        w.WritePropertyName("Value"u8);
        if (f.Value is { } value)
        {
            w.WriteStartObject();
            w.WriteString("Method"u8, "");
            w.WriteNull("Params"u8);
            WriteNumber(w, "Static"u8, value);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        if (f.ExpirationDateSet)
        {
            WriteTime(w, "ExpirationDate"u8, f.ExpirationDate);
        }
        else
        {
            w.WriteNull("ExpirationDate"u8);
        }
        if (f.Weight is { } weight)
        {
            WriteNumber(w, "Weight"u8, weight);
        }
        else
        {
            w.WriteNull("Weight"u8);
        }
        WriteStringMap(w, "DestinationIDs"u8, f.DestinationIDs);
        WriteNullable(w, "RatingSubject"u8, f.RatingSubject);
        WriteStringMap(w, "Categories"u8, f.Categories);
        WriteStringMap(w, "SharedGroups"u8, f.SharedGroups);
        WriteStringMap(w, "TimingIDs"u8, f.TimingIDs);
        WriteTimings(w, f.Timings is { Count: > 0 } timings ? timings : null);
        WriteNullableBool(w, "Disabled"u8, f.Disabled);
        WriteFactors(w, f.Factors);
        WriteNullableBool(w, "Blocker"u8, f.Blocker);
        w.WriteEndObject();
    }

    private static void WriteTimings(Utf8JsonWriter w, IReadOnlyList<Timing>? timings)
    {
        w.WritePropertyName("Timings"u8);
        if (timings is null)
        {
            w.WriteNullValue();
            return;
        }
        WriteList(w, timings, (w, t) =>
        {
            w.WriteStartObject();
            w.WriteString("ID"u8, t.Id);
            WriteInts(w, "Years"u8, t.Years);
            WriteInts(w, "Months"u8, t.Months);
            WriteInts(w, "MonthDays"u8, t.MonthDays);
            WriteInts(w, "WeekDays"u8, t.WeekDays);
            w.WriteString("StartTime"u8, t.StartTimeText);
            w.WriteString("EndTime"u8, t.EndTime is { } end ? LocalTimePattern.ExtendedIso.Format(end) : "");
            w.WriteEndObject();
        });
    }

    private static void WriteInts(Utf8JsonWriter w, ReadOnlySpan<byte> name, int[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }
        w.WriteEndArray();
    }

    private static void WriteMap<T>(Utf8JsonWriter w, Dictionary<string, T> map, Action<Utf8JsonWriter, T> writeValue)
    {
        if (map.Count == 0)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            w.WritePropertyName(key);
            writeValue(w, map[key]);
        }
        w.WriteEndObject();
    }

    private static void WriteList<T>(Utf8JsonWriter w, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            writeItem(w, item);
        }
        w.WriteEndArray();
    }

    private static void WriteStringMap(Utf8JsonWriter w, ReadOnlySpan<byte> name, StringMap? map)
    {
        if (map is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            w.WriteBoolean(key, map[key]);
        }
        w.WriteEndObject();
    }

    private static void WriteFactors(Utf8JsonWriter w, Dictionary<string, decimal>? factors)
    {
        if (factors is null)
        {
            w.WriteNull("Factors"u8);
            return;
        }
        w.WriteStartObject("Factors"u8);
        Span<char> text = stackalloc char[GoFloat.MaxLength];
        foreach (var key in factors.Keys.Order(StringComparer.Ordinal))
        {
            w.WritePropertyName(key);
            w.WriteRawValue(text[..GoFloat.Format(factors[key], text)], skipInputValidation: true);
        }
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, ReadOnlySpan<byte> name, decimal value)
    {
        w.WritePropertyName(name);
        Span<char> text = stackalloc char[GoFloat.MaxLength];
        w.WriteRawValue(text[..GoFloat.Format(value, text)], skipInputValidation: true);
    }

    private static void WriteTime(Utf8JsonWriter w, ReadOnlySpan<byte> name, Instant? value) =>
        w.WriteString(name, value is { } t ? InstantPattern.ExtendedIso.Format(t) : GoZeroTime);

    private static void WriteNullable(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullableBool(Utf8JsonWriter w, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
