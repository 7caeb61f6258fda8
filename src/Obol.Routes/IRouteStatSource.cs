namespace Obol.Routes;

/// <summary>StatS as RouteS reaches it (routes.stats_conns); asynchronous for the same reason as <see cref="IRouteCostSource"/>.</summary>
public interface IRouteStatSource
{
    /// <summary>StatSv1.GetQueueFloatMetrics: metric ID to value (durations in nanoseconds, -1 when not enough
    /// events). An unknown queue answers the error NOT_FOUND.</summary>
    ValueTask<StatMetricsReply> GetFloatMetricsAsync(string tenant, string statQueueId, CancellationToken cancellationToken);
}

/// <summary>The metrics of a queue, or an error (then <see cref="Metrics"/> is empty).</summary>
public readonly record struct StatMetricsReply(IReadOnlyDictionary<string, decimal> Metrics, string? Error)
{
    public static StatMetricsReply Of(IReadOnlyDictionary<string, decimal> metrics) => new(metrics, null);

    public static StatMetricsReply Failed(string error) => new(new Dictionary<string, decimal>(), error);
}
