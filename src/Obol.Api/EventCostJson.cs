using System.Buffers;
using System.Text.Json;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Api;

/// <summary>
/// engine.EventCost written straight to UTF-8, byte for byte what the Go-compatible serializer writes for it (fields in
/// struct order, map keys sorted, Go float numbers and times) without reflection: every GetCost answer and CDR carries one.
/// </summary>
public static class EventCostJson
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = GoJsonEncoder.Instance, SkipValidation = true };

    public static RawJson Write(EventCost cost)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        WriteUtf8(cost, buffer);
        return new RawJson(buffer.WrittenMemory);
    }

    // One writer per thread, re-pointed at each output: writing is synchronous, so it is never shared.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static void WriteUtf8(EventCost cost, IBufferWriter<byte> output)
    {
        var w = t_writer ??= new Utf8JsonWriter(output, s_options);
        w.Reset(output);
        try
        {
            WriteTo(w, cost);
            w.Flush();
        }
        finally
        {
            w.Reset(Stream.Null);
        }
    }

    private static void WriteTo(Utf8JsonWriter w, EventCost cost)
    {
        Span<char> text = stackalloc char[GoFloat.MaxLength];
        w.WriteStartObject();
        w.WriteString("CGRID"u8, cost.CGRID);
        w.WriteString("RunID"u8, cost.RunID);
        w.WritePropertyName("StartTime"u8);
        GoJsonTimes.Write(w, cost.StartTime);
        w.WritePropertyName("Usage"u8);
        if (cost.Usage is { } usage)
        {
            w.WriteNumberValue(usage.Nanoseconds);
        }
        else
        {
            w.WriteNullValue();
        }
        w.WritePropertyName("Cost"u8);
        if (cost.Cost is { } total)
        {
            Number(w, total, text);
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteStartArray("Charges"u8);
        foreach (var charge in cost.Charges)
        {
            w.WriteStartObject();
            w.WriteString("RatingID"u8, charge.RatingID);
            w.WriteStartArray("Increments"u8);
            foreach (var inc in charge.Increments)
            {
                w.WriteStartObject();
                w.WriteNumber("Usage"u8, inc.Usage.Nanoseconds);
                w.WritePropertyName("Cost"u8);
                Number(w, inc.Cost, text);
                w.WriteString("AccountingID"u8, inc.AccountingID);
                w.WriteNumber("CompressFactor"u8, inc.CompressFactor);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("CompressFactor"u8, charge.CompressFactor);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNull("AccountSummary"u8);
        w.WriteStartObject("Rating"u8);
        foreach (var (id, r) in Sorted(cost.Rating))
        {
            w.WriteStartObject(id);
            w.WritePropertyName("ConnectFee"u8);
            Number(w, r.ConnectFee, text);
            w.WriteString("RoundingMethod"u8, r.RoundingMethod);
            w.WriteNumber("RoundingDecimals"u8, r.RoundingDecimals);
            w.WritePropertyName("MaxCost"u8);
            Number(w, r.MaxCost, text);
            w.WriteString("MaxCostStrategy"u8, r.MaxCostStrategy);
            w.WriteString("TimingID"u8, r.TimingID);
            w.WriteString("RatesID"u8, r.RatesID);
            w.WriteString("RatingFiltersID"u8, r.RatingFiltersID);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("Accounting"u8);
        foreach (var (id, a) in Sorted(cost.Accounting))
        {
            w.WriteStartObject(id);
            w.WriteString("AccountID"u8, a.AccountID);
            w.WriteString("BalanceUUID"u8, a.BalanceUUID);
            w.WriteString("RatingID"u8, a.RatingID);
            w.WritePropertyName("Units"u8);
            Number(w, a.Units, text);
            w.WritePropertyName("BalanceFactor"u8);
            if (a.BalanceFactor is { } factor)
            {
                Number(w, factor, text);
            }
            else
            {
                w.WriteNullValue();
            }
            w.WriteString("ExtraChargeID"u8, a.ExtraChargeID);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("RatingFilters"u8);
        foreach (var (id, filter) in Sorted(cost.RatingFilters))
        {
            w.WriteStartObject(id);
            foreach (var (key, value) in Sorted(filter))
            {
                w.WriteString(key, value);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("Rates"u8);
        foreach (var (id, slots) in Sorted(cost.Rates))
        {
            w.WriteStartArray(id);
            foreach (var slot in slots)
            {
                w.WriteStartObject();
                w.WriteNumber("GroupIntervalStart"u8, slot.GroupIntervalStart.Nanoseconds);
                w.WritePropertyName("Value"u8);
                Number(w, slot.Value, text);
                w.WriteNumber("RateIncrement"u8, slot.RateIncrement.Nanoseconds);
                w.WriteNumber("RateUnit"u8, slot.RateUnit.Nanoseconds);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartObject("Timings"u8);
        foreach (var (id, t) in Sorted(cost.Timings))
        {
            w.WriteStartObject(id);
            Ints(w, "Years"u8, t.Years);
            Ints(w, "Months"u8, t.Months);
            Ints(w, "MonthDays"u8, t.MonthDays);
            Ints(w, "WeekDays"u8, t.WeekDays);
            w.WriteString("StartTime"u8, t.StartTime);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, decimal value, Span<char> text) =>
        w.WriteRawValue(text[..GoFloat.Format(value, text)], skipInputValidation: true);

    private static void Ints(Utf8JsonWriter w, ReadOnlySpan<byte> name, int[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }
        w.WriteEndArray();
    }

    // Go writes map keys sorted by their UTF-8 bytes.
    private static IEnumerable<KeyValuePair<string, T>> Sorted<T>(Dictionary<string, T> map) =>
        map.Count <= 1 ? map : map.OrderBy(p => p.Key, GoStringComparer.Instance);
}
