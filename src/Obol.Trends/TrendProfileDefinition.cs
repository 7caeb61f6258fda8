using System.Text.Json.Serialization;
using Obol.Primitives;

namespace Obol.Trends;

/// <summary>A trend profile as CGRateS puts it on the wire (APIerSv1.SetTrendProfile, engine.TrendProfile).</summary>
public sealed record TrendProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    /// <summary>When the StatS queue is read: cron fields or a descriptor (<c>@every 15m</c>).</summary>
    public string Schedule { get; init; } = "";

    [JsonPropertyName("StatID")]
    public string StatId { get; init; } = "";

    /// <summary>The queue's metrics to follow; none follows every metric the queue has.</summary>
    public IReadOnlyList<string>? Metrics { get; init; }

    /// <summary>Runs older than this are dropped; negative keeps them (Go's time.Duration, nanoseconds).</summary>
    [JsonPropertyName("TTL")]
    public Usage Ttl { get; init; }

    /// <summary>At most this many runs are kept; 0 or less keeps all.</summary>
    public int QueueLength { get; init; }

    /// <summary>Fewer runs than this are not reported to ThresholdS and EEs.</summary>
    public int MinItems { get; init; }

    /// <summary><c>*last</c>: growth against the previous run; <c>*average</c>: against the average of the kept runs.</summary>
    public string CorrelationType { get; init; } = "";

    /// <summary>A growth within this many percent is <c>*constant</c>.</summary>
    public decimal Tolerance { get; init; }

    public bool Stored { get; init; }

    [JsonPropertyName("ThresholdIDs")]
    public IReadOnlyList<string>? ThresholdIds { get; init; }
}
