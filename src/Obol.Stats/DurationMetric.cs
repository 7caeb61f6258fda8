using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary>Which event field a <see cref="DurationMetric"/> reads.</summary>
public enum DurationField
{
    /// <summary><c>Usage</c>, for *acd and *tcd.</summary>
    Usage,

    /// <summary><c>PDD</c> (post-dial delay), for *pdd.</summary>
    Pdd,
}

/// <summary>
/// *acd (average call duration), *tcd (total call duration) and *pdd (average post-dial delay). Values are Go
/// durations: a number is nanoseconds, a string <c>"1m30s"</c> or <c>"90000000000"</c>. The string value is a Go
/// duration (<c>1m30s</c>) rounded to 10^(9-decimals) ns; the float value is in nanoseconds, as CGRateS's is.
/// </summary>
public sealed class DurationMetric : StatMetric
{
    private readonly Dictionary<string, CompressedDuration> _events = new(StringComparer.Ordinal);

    internal DurationMetric(string metricId, int minItems, IReadOnlyList<string> filterIds, DurationField field, bool total)
        : base(metricId, minItems, filterIds)
    {
        Field = field;
        IsTotal = total;
    }

    public DurationField Field { get; }

    /// <summary>True for *tcd; *acd and *pdd average.</summary>
    public bool IsTotal { get; }

    /// <summary>The sum of the durations counted, in nanoseconds.</summary>
    public long Sum { get; private set; }

    public IReadOnlyDictionary<string, CompressedDuration> Events => _events;

    private string FieldName => Field == DurationField.Pdd ? "PDD" : "Usage";

    private bool TryReadValue(IStatEvent statEvent, out long nanoseconds, [NotNullWhen(false)] out string? error)
    {
        nanoseconds = 0;
        if (!FieldReader.TryReadRequest(statEvent, FieldName, out var raw, out error) || !EventValues.TryAsUsage(raw, out var usage, out error))
        {
            return false;
        }
        nanoseconds = usage.Nanoseconds;
        return true;
    }

    public override bool TryAddEvent(string eventId, IStatEvent statEvent, [NotNullWhen(false)] out string? error)
    {
        if (!TryReadValue(statEvent, out var value, out error))
        {
            return false;
        }
        Sum += value;
        if (_events.TryGetValue(eventId, out var existing))
        {
            existing.Merge(value);
        }
        else
        {
            _events[eventId] = new CompressedDuration(value, 1);
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
        Sum += value;
        Count++;
        return true;
    }

    public override void RemoveEvent(string eventId)
    {
        if (!_events.TryGetValue(eventId, out var value))
        {
            return;
        }
        Sum -= value.Duration;
        Count--;
        if (value.CompressFactor <= 1)
        {
            _events.Remove(eventId);
        }
        else
        {
            value.CompressFactor--;
        }
    }

    /// <summary>The value in nanoseconds, or -1 (N/A).</summary>
    public long GetNanoseconds(int roundingDecimals) =>
        TooFewItems ? -1 : RoundStatDuration(IsTotal ? Sum : Sum / Count, roundingDecimals);

    public override string GetStringValue(int roundingDecimals)
    {
        var value = GetNanoseconds(roundingDecimals);
        return value == -1 ? MetricIds.NotAvailable : new Usage(value).ToString();
    }

    public override decimal GetFloatValue(int roundingDecimals) => GetNanoseconds(roundingDecimals);

    /// <summary>CGRateS utils.RoundStatDuration: Go's <c>Duration.Round(10^(9-prec))</c>, halves away from zero.</summary>
    internal static long RoundStatDuration(long value, int decimals)
    {
        // 10^(9-decimals) below 1 ns truncates to 0 and past int64 does not convert: Go then returns the value as is.
        if (decimals is > 9 or < -9)
        {
            return value;
        }
        var multiple = (long)Math.Pow(10, 9 - decimals);
        var remainder = value % multiple;
        if (value < 0)
        {
            remainder = -remainder;
            if (LessThanHalf(remainder, multiple))
            {
                return value + remainder;
            }
            var down = unchecked(value - multiple + remainder);
            return down < value ? down : long.MinValue;
        }
        if (LessThanHalf(remainder, multiple))
        {
            return value - remainder;
        }
        var up = unchecked(value + multiple - remainder);
        return up > value ? up : long.MaxValue;
    }

    private static bool LessThanHalf(long x, long y) => unchecked((ulong)x + (ulong)x) < (ulong)y;

    private protected override void WriteState(Utf8JsonWriter writer)
    {
        writer.WriteNumber(StoredNames.Sum, Sum);
        writer.WriteStartObject(StoredNames.Events);
        foreach (var (id, value) in _events)
        {
            writer.WriteStartObject(id);
            writer.WriteNumber(StoredNames.Duration, value.Duration);
            writer.WriteNumber(StoredNames.CompressFactor, value.CompressFactor);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private protected override void ReadState(JsonElement element)
    {
        Sum = element.TryGetProperty(StoredNames.Sum, out var sum) ? sum.GetInt64() : 0;
        _events.Clear();
        foreach (var property in JsonState.ReadMap(element, StoredNames.Events))
        {
            _events[property.Name] = new CompressedDuration(
                property.Value.TryGetProperty(StoredNames.Duration, out var d) ? d.GetInt64() : 0,
                property.Value.TryGetProperty(StoredNames.CompressFactor, out var cf) ? cf.GetInt32() : 1);
        }
    }
}
