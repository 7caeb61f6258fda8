using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary>
/// <c>*highest#~*req.Field</c> and <c>*lowest#~*req.Field</c>: the largest / smallest value among the counted events.
/// CGRateS starts *highest at 0 (so it never reads below 0) and *lowest at +max; an event id seen again overwrites its
/// value without lowering a highest it had raised.
/// </summary>
public sealed class ExtremumMetric : StatMetric
{
    private readonly Dictionary<string, decimal> _events = new(StringComparer.Ordinal);

    internal ExtremumMetric(string metricId, int minItems, IReadOnlyList<string> filterIds, string fieldName, bool highest)
        : base(metricId, minItems, filterIds)
    {
        FieldName = fieldName;
        IsHighest = highest;
        Extremum = Start;
    }

    public string FieldName { get; }

    /// <summary>True for *highest, false for *lowest.</summary>
    public bool IsHighest { get; }

    /// <summary>The current extremum; null stands for *lowest's +max start (Go's math.MaxFloat64).</summary>
    public decimal? Extremum { get; private set; }

    public IReadOnlyDictionary<string, decimal> Events => _events;

    private decimal? Start => IsHighest ? 0m : null;

    private string ExtremumName => IsHighest ? StoredNames.Highest : StoredNames.Lowest;

    private void Consider(decimal value)
    {
        if (Extremum is not { } current || (IsHighest ? value > current : value < current))
        {
            Extremum = value;
        }
    }

    public override bool TryAddEvent(string eventId, IStatEvent statEvent, [NotNullWhen(false)] out string? error)
    {
        if (!FieldReader.TryReadDynamicDecimal(statEvent, FieldName, out var value, out error))
        {
            return false;
        }
        Consider(value);
        if (!_events.ContainsKey(eventId))
        {
            Count++;
        }
        _events[eventId] = value;
        return true;
    }

    public override bool TryAddOneEvent(IStatEvent statEvent, [NotNullWhen(false)] out string? error)
    {
        if (!FieldReader.TryReadDynamicDecimal(statEvent, FieldName, out var value, out error))
        {
            return false;
        }
        Consider(value);
        Count++;
        return true;
    }

    public override void RemoveEvent(string eventId)
    {
        if (!_events.Remove(eventId, out var value))
        {
            return;
        }
        Count--;
        if (value == Extremum)
        {
            Extremum = Start;
            foreach (var remaining in _events.Values)
            {
                Consider(remaining);
            }
        }
    }

    public override decimal GetFloatValue(int roundingDecimals) =>
        Count == 0 || Count < MinItems || Extremum is not { } value
            ? MetricIds.FloatNotAvailable
            : Rounding.Round(value, roundingDecimals, RoundingMethod.Middle);

    public override string GetStringValue(int roundingDecimals)
    {
        var value = GetFloatValue(roundingDecimals);
        return value == MetricIds.FloatNotAvailable ? MetricIds.NotAvailable : GoFormat.Plain(value);
    }

    private protected override void WriteState(Utf8JsonWriter writer)
    {
        writer.WriteString(StoredNames.FieldName, FieldName);
        if (Extremum is { } value)
        {
            JsonState.WriteFloat(writer, ExtremumName, value);
        }
        else
        {
            writer.WritePropertyName(ExtremumName);
            writer.WriteRawValue(JsonState.MaxFloat64);
        }
        writer.WriteStartObject(StoredNames.Events);
        foreach (var (id, eventValue) in _events)
        {
            JsonState.WriteFloat(writer, id, eventValue);
        }
        writer.WriteEndObject();
    }

    private protected override void ReadState(JsonElement element)
    {
        Extremum = element.TryGetProperty(ExtremumName, out var extremum) ? JsonState.ReadFloatOrSentinel(extremum) : Start;
        _events.Clear();
        foreach (var property in JsonState.ReadMap(element, StoredNames.Events))
        {
            _events[property.Name] = JsonState.ReadFloat(property.Value);
        }
    }
}
