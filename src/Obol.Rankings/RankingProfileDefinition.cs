using System.Text.Json.Serialization;

namespace Obol.Rankings;

/// <summary>A ranking profile as CGRateS puts it on the wire (APIerSv1.SetRankingProfile, engine.RankingProfile).</summary>
public sealed record RankingProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    public string Schedule { get; init; } = "";

    /// <summary>The StatS queues ranked.</summary>
    [JsonPropertyName("StatIDs")]
    public IReadOnlyList<string>? StatIds { get; init; }

    /// <summary>The metrics kept of each queue; none keeps all.</summary>
    [JsonPropertyName("MetricIDs")]
    public IReadOnlyList<string>? MetricIds { get; init; }

    /// <summary><c>*asc</c> or <c>*desc</c>.</summary>
    public string Sorting { get; init; } = "";

    /// <summary>The metrics compared, in order; <c>metric:false</c> compares that one the other way.</summary>
    public IReadOnlyList<string>? SortingParameters { get; init; }

    public bool Stored { get; init; }

    [JsonPropertyName("ThresholdIDs")]
    public IReadOnlyList<string>? ThresholdIds { get; init; }
}
