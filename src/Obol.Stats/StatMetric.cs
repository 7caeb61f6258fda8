using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;

namespace Obol.Stats;

/// <summary>
/// One metric of a stat queue (CGRateS engine/statmetrics.go StatMetric): it folds events in as they arrive, lets them
/// go again by event id when the queue evicts them, and reads out as a string (the GetQueueStringMetrics form) or a
/// number (GetQueueFloatMetrics). Below <see cref="MinItems"/> it reads <see cref="MetricIds.NotAvailable"/> / -1.
/// Metrics are not thread-safe; the queue that owns them is the unit of locking.
/// </summary>
public abstract class StatMetric
{
    private protected StatMetric(string metricId, int minItems, IReadOnlyList<string> filterIds)
    {
        MetricId = metricId;
        MinItems = minItems;
        FilterIds = filterIds;
    }

    /// <summary>The full id, parameter included: <c>*acc</c>, <c>*sum#~*req.Usage</c>.</summary>
    public string MetricId { get; }

    public int MinItems { get; private set; }

    public IReadOnlyList<string> FilterIds { get; private set; }

    /// <summary>Events currently counted.</summary>
    public long Count { get; private protected set; }

    /// <summary>The N/A rule most metrics share: no events, or fewer than a positive MinItems.</summary>
    private protected bool TooFewItems => Count == 0 || (MinItems > 0 && Count < MinItems);

    /// <summary>Folds the event in under <paramref name="eventId"/>; false (metric unchanged) when the field it reads is
    /// missing or unreadable, with CGRateS's error text (<c>NOT_FOUND:Usage</c>, <c>NEGATIVE:Cost</c>).</summary>
    public abstract bool TryAddEvent(string eventId, IStatEvent statEvent, [NotNullWhen(false)] out string? error);

    /// <summary>Folds the event in without remembering it, for queues that never evict (TTL and QueueLength both -1).</summary>
    public abstract bool TryAddOneEvent(IStatEvent statEvent, [NotNullWhen(false)] out string? error);

    /// <summary>Takes one occurrence of the event out again; an unknown id is ignored.</summary>
    public abstract void RemoveEvent(string eventId);

    public abstract string GetStringValue(int roundingDecimals);

    /// <summary>The value as GetQueueFloatMetrics returns it; durations are in nanoseconds, as CGRateS's float64 is.</summary>
    public abstract decimal GetFloatValue(int roundingDecimals);

    /// <summary>Creates a metric from its id; false for an unknown type or a malformed parameter.</summary>
    public static bool TryCreate(string metricId, int minItems, IReadOnlyList<string> filterIds, DateTimeZone timezone,
        [NotNullWhen(true)] out StatMetric? metric, [NotNullWhen(false)] out string? error)
    {
        metric = null;
        error = null;
        var separator = metricId.IndexOf(MetricIds.ParameterSeparator, StringComparison.Ordinal);
        var type = separator < 0 ? metricId : metricId[..separator];
        var parameter = separator < 0 ? "" : metricId[(separator + 1)..];
        // CGRateS parity: only the text between the first and second '#' is the parameter.
        var second = parameter.IndexOf(MetricIds.ParameterSeparator, StringComparison.Ordinal);
        if (second >= 0)
        {
            parameter = parameter[..second];
        }
        switch (type)
        {
            case MetricIds.Asr:
                metric = new AsrMetric(metricId, minItems, filterIds, timezone);
                return true;
            case MetricIds.Acd:
                metric = new DurationMetric(metricId, minItems, filterIds, DurationField.Usage, total: false);
                return true;
            case MetricIds.Tcd:
                metric = new DurationMetric(metricId, minItems, filterIds, DurationField.Usage, total: true);
                return true;
            case MetricIds.Pdd:
                metric = new DurationMetric(metricId, minItems, filterIds, DurationField.Pdd, total: false);
                return true;
            case MetricIds.Acc:
                metric = new CostMetric(metricId, minItems, filterIds, total: false);
                return true;
            case MetricIds.Tcc:
                metric = new CostMetric(metricId, minItems, filterIds, total: true);
                return true;
            case MetricIds.Ddc:
                metric = new DistinctMetric(metricId, minItems, filterIds, null);
                return true;
            case MetricIds.Distinct:
                metric = new DistinctMetric(metricId, minItems, filterIds, parameter);
                return true;
            case MetricIds.Sum:
                if (!SumMetric.TryParseFields(parameter, out var fields, out error))
                {
                    return false;
                }
                metric = new SumMetric(metricId, minItems, filterIds, fields);
                return true;
            case MetricIds.Average:
                metric = new AverageMetric(metricId, minItems, filterIds, parameter);
                return true;
            case MetricIds.Highest:
                metric = new ExtremumMetric(metricId, minItems, filterIds, parameter, highest: true);
                return true;
            case MetricIds.Lowest:
                metric = new ExtremumMetric(metricId, minItems, filterIds, parameter, highest: false);
                return true;
            default:
                error = $"unsupported metric type <{type}>";
                return false;
        }
    }

    /// <summary>Writes the metric as CGRateS marshals it (Go field names), so a stored queue survives a restart.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(StoredNames.FilterIds);
        foreach (var id in FilterIds)
        {
            writer.WriteStringValue(id);
        }
        writer.WriteEndArray();
        writer.WriteNumber(StoredNames.MinItems, MinItems);
        writer.WriteNumber(StoredNames.Count, Count);
        WriteState(writer);
        writer.WriteEndObject();
    }

    /// <summary>Restores what <see cref="WriteTo"/> wrote; MinItems and FilterIDs come from the stored form, as in CGRateS.</summary>
    public void ReadFrom(JsonElement element)
    {
        if (element.TryGetProperty(StoredNames.FilterIds, out var filters) && filters.ValueKind == JsonValueKind.Array)
        {
            FilterIds = [.. filters.EnumerateArray().Select(f => f.GetString() ?? "")];
        }
        if (element.TryGetProperty(StoredNames.MinItems, out var minItems))
        {
            MinItems = minItems.GetInt32();
        }
        Count = element.TryGetProperty(StoredNames.Count, out var count) ? count.GetInt64() : 0;
        ReadState(element);
    }

    private protected abstract void WriteState(Utf8JsonWriter writer);

    private protected abstract void ReadState(JsonElement element);
}
