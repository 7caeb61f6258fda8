using System.Text.Json.Serialization;

namespace Obol.Trends;

/// <summary>One metric of one run (engine.MetricWithTrend): its value and how it moved since the previous run or the
/// average of the kept runs.</summary>
public sealed record MetricWithTrend(
    [property: JsonPropertyName("ID")] string Id,
    decimal Value,
    decimal TrendGrowth,
    string TrendLabel)
{
    public const string Positive = "*positive";
    public const string Negative = "*negative";
    public const string Constant = "*constant";
    public const string NotAvailable = "N/A";
}
