using System.Buffers;
using Obol.GoJson;
using Obol.Rating;

namespace Obol.Api;

/// <summary>
/// engine.EventCost written straight to UTF-8, byte for byte what the Go-compatible serializer writes for it (fields in
/// struct order, map keys sorted, Go float numbers and times) without reflection: every GetCost answer and CDR carries one.
/// </summary>
public static class EventCostJson
{
    public static RawJson Write(EventCost cost)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        WriteUtf8(cost, buffer);
        return new RawJson(buffer.WrittenMemory);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_text;

    /// <summary>The cost as a string (a CDR's CostDetails, a journal document), written through a buffer this thread
    /// keeps: a session's cost outgrows a fresh buffer's first size, and each growth copied it.</summary>
    public static string WriteString(EventCost cost)
    {
        var buffer = t_text ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        WriteUtf8(cost, buffer);
        var text = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 256 * 1024)
        {
            t_text = null; // one very long call's cost is not kept for the thread's life
        }
        return text;
    }

    /// <summary>The cost, to be written where the reply is.</summary>
    public static WrittenJson Deferred(EventCost cost) => new(cost, static (c, output) => WriteUtf8((EventCost)c, output));

    /// <summary>An AccountSummary alone, as it is written inside an EventCost.</summary>
    public static void WriteSummaryUtf8(AccountSummary? summary, IBufferWriter<byte> output)
    {
        var w = new GoJsonWriter(output);
        WriteSummary(ref w, summary);
        w.Flush();
    }

    public static void WriteUtf8(EventCost cost, IBufferWriter<byte> output)
    {
        var w = new GoJsonWriter(output);
        WriteTo(ref w, cost);
        w.Flush();
    }

    private static void WriteTo(ref GoJsonWriter w, EventCost cost)
    {
        w.StartObject();
        w.Name("CGRID"u8);
        w.String(cost.CGRID);
        w.Name("RunID"u8);
        w.String(cost.RunID);
        w.Name("StartTime"u8);
        w.Time(cost.StartTime);
        w.Name("Usage"u8);
        if (cost.Usage is { } usage)
        {
            w.Number(usage.Nanoseconds);
        }
        else
        {
            w.Null();
        }
        w.Name("Cost"u8);
        w.Number(cost.Cost);
        w.Name("Charges"u8);
        w.StartArray();
        foreach (var charge in cost.Charges)
        {
            w.StartObject();
            w.Name("RatingID"u8);
            w.String(charge.RatingID);
            w.Name("Increments"u8);
            WriteIncrements(ref w, charge.Increments);
            w.Name("CompressFactor"u8);
            w.Number(charge.CompressFactor);
            w.EndObject();
        }
        w.EndArray();
        w.Name("AccountSummary"u8);
        WriteSummary(ref w, cost.AccountSummary);
        w.Name("Rating"u8);
        w.StartObject();
        foreach (var (id, r) in Sorted(cost.Rating))
        {
            w.Name(id);
            w.StartObject();
            w.Name("ConnectFee"u8);
            w.Number(r.ConnectFee);
            w.Name("RoundingMethod"u8);
            w.String(r.RoundingMethod);
            w.Name("RoundingDecimals"u8);
            w.Number(r.RoundingDecimals);
            w.Name("MaxCost"u8);
            w.Number(r.MaxCost);
            w.Name("MaxCostStrategy"u8);
            w.String(r.MaxCostStrategy);
            w.Name("TimingID"u8);
            w.String(r.TimingID);
            w.Name("RatesID"u8);
            w.String(r.RatesID);
            w.Name("RatingFiltersID"u8);
            w.String(r.RatingFiltersID);
            w.EndObject();
        }
        w.EndObject();
        w.Name("Accounting"u8);
        w.StartObject();
        foreach (var (id, a) in Sorted(cost.Accounting))
        {
            w.Name(id);
            w.StartObject();
            w.Name("AccountID"u8);
            w.String(a.AccountID);
            w.Name("BalanceUUID"u8);
            w.String(a.BalanceUUID);
            w.Name("RatingID"u8);
            w.String(a.RatingID);
            w.Name("Units"u8);
            w.Number(a.Units);
            // BalanceFactor is omitempty: Go leaves out a zero (an unset) factor.
            if (a.BalanceFactor is { } factor && factor != 0)
            {
                w.Name("BalanceFactor"u8);
                w.Number(factor);
            }
            w.Name("ExtraChargeID"u8);
            w.String(a.ExtraChargeID);
            w.EndObject();
        }
        w.EndObject();
        w.Name("RatingFilters"u8);
        w.StartObject();
        foreach (var (id, filter) in Sorted(cost.RatingFilters))
        {
            w.Name(id);
            w.StartObject();
            foreach (var (key, value) in Sorted(filter))
            {
                w.Name(key);
                w.String(value);
            }
            w.EndObject();
        }
        w.EndObject();
        w.Name("Rates"u8);
        w.StartObject();
        foreach (var (id, slots) in Sorted(cost.Rates))
        {
            w.Name(id);
            w.StartArray();
            foreach (var slot in slots)
            {
                w.StartObject();
                w.Name("GroupIntervalStart"u8);
                w.Number(slot.GroupIntervalStart.Nanoseconds);
                w.Name("Value"u8);
                w.Number(slot.Value);
                w.Name("RateIncrement"u8);
                w.Number(slot.RateIncrement.Nanoseconds);
                w.Name("RateUnit"u8);
                w.Number(slot.RateUnit.Nanoseconds);
                w.EndObject();
            }
            w.EndArray();
        }
        w.EndObject();
        w.Name("Timings"u8);
        w.StartObject();
        foreach (var (id, t) in Sorted(cost.Timings))
        {
            w.Name(id);
            w.StartObject();
            Ints(ref w, "Years"u8, t.Years);
            Ints(ref w, "Months"u8, t.Months);
            Ints(ref w, "MonthDays"u8, t.MonthDays);
            Ints(ref w, "WeekDays"u8, t.WeekDays);
            w.Name("StartTime"u8);
            w.String(t.StartTime);
            w.EndObject();
        }
        w.EndObject();
        w.EndObject();
    }

    private static void Ints(ref GoJsonWriter w, ReadOnlySpan<byte> name, int[] values)
    {
        w.Name(name);
        w.StartArray();
        foreach (var v in values)
        {
            w.Number(v);
        }
        w.EndArray();
    }

    private static void WriteIncrements(ref GoJsonWriter w, List<ChargingIncrement> increments)
    {
        if (increments.Count == 0)
        {
            // Go's slice is nil until an increment is appended.
            w.Null();
            return;
        }
        w.StartArray();
        foreach (var inc in increments)
        {
            w.StartObject();
            w.Name("Usage"u8);
            w.Number(inc.Usage.Nanoseconds);
            w.Name("Cost"u8);
            w.Number(inc.Cost);
            w.Name("AccountingID"u8);
            w.String(inc.AccountingID);
            w.Name("CompressFactor"u8);
            w.Number(inc.CompressFactor);
            w.EndObject();
        }
        w.EndArray();
    }

    private static void WriteSummary(ref GoJsonWriter w, AccountSummary? summary)
    {
        if (summary is null)
        {
            w.Null();
            return;
        }
        w.StartObject();
        w.Name("Tenant"u8);
        w.String(summary.Tenant);
        w.Name("AccountID"u8);
        w.String(summary.AccountID);
        w.Name("BalanceSummaries"u8);
        if (summary.BalanceSummaries is { } balances)
        {
            w.StartArray();
            foreach (var b in balances)
            {
                WriteBalance(ref w, b);
            }
            w.EndArray();
        }
        else
        {
            w.Null();
        }
        w.Name("AllowNegative"u8);
        w.Bool(summary.AllowNegative);
        w.Name("Disabled"u8);
        w.Bool(summary.Disabled);
        w.EndObject();
    }

    private static void WriteBalance(ref GoJsonWriter w, BalanceSummary b)
    {
        w.StartObject();
        w.Name("UUID"u8);
        w.String(b.UUID);
        w.Name("ID"u8);
        w.String(b.ID);
        w.Name("Type"u8);
        w.String(b.Type);
        w.Name("Initial"u8);
        w.Number(b.Initial);
        w.Name("Value"u8);
        w.Number(b.Value);
        if (b.Weight != 0)
        {
            w.Name("Weight"u8);
            w.Number(b.Weight);
        }
        w.Name("Disabled"u8);
        w.Bool(b.Disabled);
        if (b.Factors is { Count: > 0 } factors)
        {
            w.Name("Factors"u8);
            w.StartObject();
            foreach (var (key, factor) in factors.OrderBy(p => p.Key, GoStringComparer.Instance))
            {
                w.Name(key);
                w.Number(factor);
            }
            w.EndObject();
        }
        w.EndObject();
    }

    // Go writes map keys sorted by their UTF-8 bytes.
    private static IEnumerable<KeyValuePair<string, T>> Sorted<T>(Dictionary<string, T> map) =>
        map.Count <= 1 ? map : map.OrderBy(p => p.Key, GoStringComparer.Instance);
}
