using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Obol.Events;

namespace Obol.Stats;

/// <summary>
/// *ddc (distinct destinations count, from <c>Destination</c>) and <c>*distinct#~*req.Field</c>: how many different
/// values the counted events carry. Each value remembers which event ids brought it, so evicting the last of them
/// forgets the value.
/// </summary>
public sealed class DistinctMetric : StatMetric
{
    private const string Destination = "Destination";

    private readonly Dictionary<string, HashSet<string>> _fieldValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _events = new(StringComparer.Ordinal);

    internal DistinctMetric(string metricId, int minItems, IReadOnlyList<string> filterIds, string? fieldName)
        : base(metricId, minItems, filterIds)
    {
        FieldName = fieldName;
    }

    /// <summary>The <c>~*req.Field</c> of *distinct; null for *ddc, which reads Destination.</summary>
    public string? FieldName { get; }

    /// <summary>The distinct values seen, each with the event ids that carry it.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> FieldValues => _fieldValues;

    private bool TryReadValue(IStatEvent statEvent, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        object? raw;
        if (FieldName is null)
        {
            if (!FieldReader.TryReadRequest(statEvent, Destination, out raw, out error))
            {
                return false;
            }
        }
        else
        {
            if (!FieldName.StartsWith(FieldReader.DynamicPrefix + FieldReader.RequestPrefix, StringComparison.Ordinal))
            {
                error = $"invalid format for field <{FieldName}>";
                return false;
            }
            if (!FieldReader.TryReadDynamic(statEvent, FieldName, out raw, out error))
            {
                return false;
            }
        }
        value = EventValues.AsString(raw);
        return true;
    }

    public override bool TryAddEvent(string eventId, IStatEvent statEvent, [NotNullWhen(false)] out string? error)
    {
        if (!TryReadValue(statEvent, out var value, out error))
        {
            return false;
        }
        if (!_fieldValues.TryGetValue(value, out var ids))
        {
            _fieldValues[value] = ids = new HashSet<string>(StringComparer.Ordinal);
        }
        ids.Add(eventId);
        if (!_events.TryGetValue(eventId, out var values))
        {
            _events[eventId] = values = new Dictionary<string, long>(StringComparer.Ordinal);
        }
        values[value] = values.GetValueOrDefault(value) + 1;
        Count++;
        return true;
    }

    public override bool TryAddOneEvent(IStatEvent statEvent, [NotNullWhen(false)] out string? error)
    {
        if (!TryReadValue(statEvent, out var value, out error))
        {
            return false;
        }
        _fieldValues.TryAdd(value, new HashSet<string>(StringComparer.Ordinal));
        Count++;
        return true;
    }

    public override void RemoveEvent(string eventId)
    {
        if (!_events.TryGetValue(eventId, out var values))
        {
            return;
        }
        if (values.Count == 0)
        {
            _events.Remove(eventId);
            return;
        }
        // CGRateS parity: Go takes "a" value of the event (map order); here the first one added.
        var value = values.Keys.First();
        Count--;
        if (values[value] > 1)
        {
            values[value]--;
            return;
        }
        // CGRateS parity: the emptied per-event map stays until the next removal of that id.
        values.Remove(value);
        if (_fieldValues.TryGetValue(value, out var ids))
        {
            ids.Remove(eventId);
            if (ids.Count == 0)
            {
                _fieldValues.Remove(value);
            }
        }
    }

    public override decimal GetFloatValue(int roundingDecimals) =>
        Count == 0 || Count < MinItems ? MetricIds.FloatNotAvailable : _fieldValues.Count;

    public override string GetStringValue(int roundingDecimals)
    {
        var value = GetFloatValue(roundingDecimals);
        return value == MetricIds.FloatNotAvailable ? MetricIds.NotAvailable : GoFormat.Plain(value);
    }

    private protected override void WriteState(Utf8JsonWriter writer)
    {
        if (FieldName is not null)
        {
            writer.WriteString(StoredNames.FieldName, FieldName);
        }
        writer.WriteStartObject(StoredNames.FieldValues);
        foreach (var (value, ids) in _fieldValues)
        {
            writer.WriteStartObject(value);
            foreach (var id in ids)
            {
                // A Go utils.StringSet is a map[string]struct{}: every member marshals as an empty object.
                writer.WriteStartObject(id);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteStartObject(StoredNames.Events);
        foreach (var (id, values) in _events)
        {
            writer.WriteStartObject(id);
            foreach (var (value, count) in values)
            {
                writer.WriteNumber(value, count);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private protected override void ReadState(JsonElement element)
    {
        _fieldValues.Clear();
        foreach (var value in JsonState.ReadMap(element, StoredNames.FieldValues))
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (value.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var id in value.Value.EnumerateObject())
                {
                    ids.Add(id.Name);
                }
            }
            _fieldValues[value.Name] = ids;
        }
        _events.Clear();
        foreach (var evt in JsonState.ReadMap(element, StoredNames.Events))
        {
            var values = new Dictionary<string, long>(StringComparer.Ordinal);
            if (evt.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var value in evt.Value.EnumerateObject())
                {
                    values[value.Name] = value.Value.GetInt64();
                }
            }
            _events[evt.Name] = values;
        }
    }
}
