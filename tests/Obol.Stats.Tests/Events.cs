using NodaTime;
using Xunit;

namespace Obol.Stats.Tests;

internal static class Events
{
    public static MapStatEvent Req(params (string Field, object? Value)[] fields) =>
        new(fields.ToDictionary(f => f.Field, f => f.Value));

    public static StatMetric Metric(string metricId, int minItems = 0)
    {
        Assert.True(StatMetric.TryCreate(metricId, minItems, [], DateTimeZone.Utc, out var metric, out var error), error);
        return metric;
    }

    public static void Add(StatMetric metric, string eventId, MapStatEvent statEvent) =>
        Assert.True(metric.TryAddEvent(eventId, statEvent, out var error), error);
}
