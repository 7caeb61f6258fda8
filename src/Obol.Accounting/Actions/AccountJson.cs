using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// The account as CGRateS's json.Marshal writes it (what <c>*log</c> logs and <c>*http_post</c> posts): Go field names
/// and order, map keys sorted, numbers in Go's float notation, times in RFC 3339 with Go's zero time for "never".
/// </summary>
public static class AccountJson
{
    private const string GoZeroTime = "0001-01-01T00:00:00Z";
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Account account)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            w.WriteString("ID", account.Id);
            w.WritePropertyName("BalanceMap");
            WriteMap(w, account.BalanceMap, (w, balances) => WriteList(w, balances, WriteBalance));
            w.WritePropertyName("UnitCounters");
            WriteMap(w, account.UnitCounters, (w, counters) => WriteList(w, counters, WriteUnitCounter));
            w.WritePropertyName("ActionTriggers");
            if (account.ActionTriggers.Count == 0)
            {
                w.WriteNullValue();
            }
            else
            {
                WriteList(w, account.ActionTriggers, WriteTrigger);
            }
            w.WriteBoolean("AllowNegative", account.AllowNegative);
            w.WriteBoolean("Disabled", account.Disabled);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Go's strconv.FormatFloat(v, 'f', -1, 64): no exponent, no trailing zeros.</summary>
    public static string FormatPlain(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Go's encoding/json float64 form: plain between 1e-6 and 1e21, exponent (<c>1e-7</c>, <c>1e+21</c>) outside.</summary>
    public static string FormatNumber(decimal value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude == 0 || (magnitude >= 0.000001m && magnitude < 1e21m))
        {
            return FormatPlain(value);
        }
        var plain = FormatPlain(magnitude);
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        string digits;
        int exponent;
        if (magnitude >= 1m)
        {
            var whole = dot < 0 ? plain : plain[..dot];
            exponent = whole.Length - 1;
            digits = (dot < 0 ? whole : whole + plain[(dot + 1)..]).TrimEnd('0');
        }
        else
        {
            var fraction = plain[(dot + 1)..];
            var significant = fraction.TrimStart('0');
            exponent = -(fraction.Length - significant.Length + 1);
            digits = significant.TrimEnd('0');
        }
        var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        // Go writes at least two exponent digits, then drops the padding zero of negative ones.
        var exponentText = exponent < 0 ? "-" + (-exponent).ToString(CultureInfo.InvariantCulture)
            : "+" + exponent.ToString("00", CultureInfo.InvariantCulture);
        return (value < 0 ? "-" : "") + mantissa + "e" + exponentText;
    }

    private static void WriteBalance(Utf8JsonWriter w, Balance b)
    {
        w.WriteStartObject();
        w.WriteString("Uuid", b.Uuid);
        w.WriteString("ID", b.ID);
        WriteNumber(w, "Value", b.Value);
        WriteTime(w, "ExpirationDate", b.ExpirationDate);
        WriteNumber(w, "Weight", b.Weight);
        WriteStringMap(w, "DestinationIDs", b.DestinationIDs);
        w.WriteString("RatingSubject", b.RatingSubject);
        WriteStringMap(w, "Categories", b.Categories);
        WriteStringMap(w, "SharedGroups", b.SharedGroups);
        WriteTimings(w, b.Timings.Count == 0 ? null : b.Timings);
        WriteStringMap(w, "TimingIDs", b.TimingIDs);
        w.WriteBoolean("Disabled", b.Disabled);
        WriteFactors(w, b.Factors.Count == 0 ? null : b.Factors);
        w.WriteBoolean("Blocker", b.Blocker);
        w.WriteEndObject();
    }

    private static void WriteUnitCounter(Utf8JsonWriter w, UnitCounter uc)
    {
        w.WriteStartObject();
        w.WriteString("CounterType", uc.CounterType);
        w.WritePropertyName("Counters");
        WriteList(w, uc.Counters, (w, c) =>
        {
            w.WriteStartObject();
            WriteNumber(w, "Value", c.Value);
            w.WritePropertyName("Filter");
            WriteFilter(w, c.Filter);
            w.WriteEndObject();
        });
        w.WriteEndObject();
    }

    private static void WriteTrigger(Utf8JsonWriter w, ActionTrigger at)
    {
        w.WriteStartObject();
        w.WriteString("ID", at.ID);
        w.WriteString("UniqueID", at.UniqueID);
        w.WriteString("ThresholdType", at.ThresholdType);
        WriteNumber(w, "ThresholdValue", at.ThresholdValue);
        w.WriteBoolean("Recurrent", at.Recurrent);
        w.WriteNumber("MinSleep", at.MinSleep.Nanoseconds);
        WriteTime(w, "ExpirationDate", at.ExpirationDate);
        WriteTime(w, "ActivationDate", at.ActivationDate);
        w.WritePropertyName("Balance");
        WriteFilter(w, at.Balance);
        WriteNumber(w, "Weight", at.Weight);
        w.WriteString("ActionsID", at.ActionsId);
        w.WriteNumber("MinQueuedItems", 0);
        w.WriteBoolean("Executed", at.Executed);
        WriteTime(w, "LastExecutionTime", at.LastExecutionTime);
        w.WriteEndObject();
    }

    // Go's BalanceFilter holds pointers: an unset field is null.
    private static void WriteFilter(Utf8JsonWriter w, BalanceFilter f)
    {
        w.WriteStartObject();
        WriteNullable(w, "Uuid", f.Uuid);
        WriteNullable(w, "ID", f.ID);
        WriteNullable(w, "Type", f.Type);
        w.WritePropertyName("Value");
        if (f.Value is { } value)
        {
            w.WriteStartObject();
            w.WriteString("Method", "");
            w.WriteNull("Params");
            WriteNumber(w, "Static", value);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        if (f.ExpirationDateSet)
        {
            WriteTime(w, "ExpirationDate", f.ExpirationDate);
        }
        else
        {
            w.WriteNull("ExpirationDate");
        }
        if (f.Weight is { } weight)
        {
            WriteNumber(w, "Weight", weight);
        }
        else
        {
            w.WriteNull("Weight");
        }
        WriteStringMap(w, "DestinationIDs", f.DestinationIDs);
        WriteNullable(w, "RatingSubject", f.RatingSubject);
        WriteStringMap(w, "Categories", f.Categories);
        WriteStringMap(w, "SharedGroups", f.SharedGroups);
        WriteStringMap(w, "TimingIDs", f.TimingIDs);
        WriteTimings(w, f.Timings is { Count: > 0 } timings ? timings : null);
        WriteNullableBool(w, "Disabled", f.Disabled);
        WriteFactors(w, f.Factors);
        WriteNullableBool(w, "Blocker", f.Blocker);
        w.WriteEndObject();
    }

    private static void WriteTimings(Utf8JsonWriter w, IReadOnlyList<Timing>? timings)
    {
        w.WritePropertyName("Timings");
        if (timings is null)
        {
            w.WriteNullValue();
            return;
        }
        WriteList(w, timings, (w, t) =>
        {
            w.WriteStartObject();
            w.WriteString("ID", t.Id);
            WriteInts(w, "Years", t.Years);
            WriteInts(w, "Months", t.Months);
            WriteInts(w, "MonthDays", t.MonthDays);
            WriteInts(w, "WeekDays", t.WeekDays);
            w.WriteString("StartTime", t.StartTimeText);
            w.WriteString("EndTime", t.EndTime is { } end ? LocalTimePattern.ExtendedIso.Format(end) : "");
            w.WriteEndObject();
        });
    }

    private static void WriteInts(Utf8JsonWriter w, string name, int[] values)
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

    private static void WriteStringMap(Utf8JsonWriter w, string name, StringMap? map)
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
            w.WriteNull("Factors");
            return;
        }
        w.WriteStartObject("Factors");
        foreach (var key in factors.Keys.Order(StringComparer.Ordinal))
        {
            WriteNumber(w, key, factors[key]);
        }
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, decimal value)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(FormatNumber(value), skipInputValidation: true);
    }

    private static void WriteTime(Utf8JsonWriter w, string name, Instant? value) =>
        w.WriteString(name, value is { } t ? InstantPattern.ExtendedIso.Format(t) : GoZeroTime);

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
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

    private static void WriteNullableBool(Utf8JsonWriter w, string name, bool? value)
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
