using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Obol.Stats;

/// <summary>
/// The metrics that keep a running total and one <see cref="CompressedStat"/> per event id (*asr, *acc, *tcc, *sum,
/// *average); they differ in what they read from the event and how the total reads out.
/// </summary>
public abstract class AveragedMetric : StatMetric
{
    private protected AveragedMetric(string metricId, int minItems, IReadOnlyList<string> filterIds)
        : base(metricId, minItems, filterIds)
    {
    }

    /// <summary>The running total of the values counted.</summary>
    public decimal Total { get; private protected set; }

    public IReadOnlyDictionary<string, CompressedStat> Events => EventMap;

    private protected Dictionary<string, CompressedStat> EventMap { get; } = new(StringComparer.Ordinal);

    /// <summary>The Go field name of <see cref="Total"/> in the stored form.</summary>
    private protected virtual string TotalName => StoredNames.Sum;

    private protected abstract bool TryReadValue(IStatEvent statEvent, out decimal value, [NotNullWhen(false)] out string? error);

    public override bool TryAddEvent(string eventId, IStatEvent statEvent, [NotNullWhen(false)] out string? error)
    {
        if (!TryReadValue(statEvent, out var value, out error))
        {
            return false;
        }
        Total += value;
        if (EventMap.TryGetValue(eventId, out var existing))
        {
            existing.Merge(value);
        }
        else
        {
            EventMap[eventId] = new CompressedStat(value, 1);
        }
        Count++;
        return true;
    }

    public override bool TryAddOneEvent(IStatEvent statEvent, [NotNullWhen(false)] out string? error)
    {
        if (!TryReadValue(statEvent, out var value, out error))
        {
            return false;
        }
        Total += value;
        Count++;
        return true;
    }

    public override void RemoveEvent(string eventId)
    {
        if (!EventMap.TryGetValue(eventId, out var stat))
        {
            return;
        }
        if (SubtractsOnRemove(stat.Stat))
        {
            Total -= stat.Stat;
        }
        Count--;
        if (stat.CompressFactor <= 1)
        {
            EventMap.Remove(eventId);
        }
        else
        {
            stat.CompressFactor--;
        }
    }

    /// <summary>Whether taking an event out takes its value off the total (not always so: see *average).</summary>
    private protected virtual bool SubtractsOnRemove(decimal stat) => true;

    public override string GetStringValue(int roundingDecimals)
    {
        var value = GetFloatValue(roundingDecimals);
        // CGRateS parity: -1 is the N/A sentinel, so a genuine -1 reads N/A too.
        return value == MetricIds.FloatNotAvailable ? MetricIds.NotAvailable : FormatValue(value);
    }

    private protected virtual string FormatValue(decimal value) => GoFormat.Plain(value);

    private protected override void WriteState(Utf8JsonWriter writer)
    {
        JsonState.WriteFloat(writer, TotalName, Total);
        writer.WriteStartObject(StoredNames.Events);
        foreach (var (id, stat) in EventMap)
        {
            writer.WriteStartObject(id);
            JsonState.WriteFloat(writer, StoredNames.Stat, stat.Stat);
            writer.WriteNumber(StoredNames.CompressFactor, stat.CompressFactor);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private protected override void ReadState(JsonElement element)
    {
        Total = JsonState.ReadFloat(element, TotalName);
        EventMap.Clear();
        foreach (var property in JsonState.ReadMap(element, StoredNames.Events))
        {
            EventMap[property.Name] = new CompressedStat(
                JsonState.ReadFloat(property.Value, StoredNames.Stat),
                property.Value.TryGetProperty(StoredNames.CompressFactor, out var cf) ? cf.GetInt32() : 1);
        }
    }
}
