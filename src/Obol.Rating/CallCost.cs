using NodaTime;
using Obol.Primitives;

namespace Obol.Rating;

/// <summary>The priced call (CGRateS CallCost): its spans and total cost, connect fee included.</summary>
public sealed class CallCost
{
    public string Category { get; init; } = "";
    public string Tenant { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Account { get; init; } = "";
    public string Destination { get; init; } = "";
    public string ToR { get; init; } = Meta.Voice;
    public decimal Cost { get; set; }

    /// <summary>The zone the call's times are read in; EventCost prints its start time with this offset.</summary>
    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;

    public List<RatingSpan> Timespans { get; init; } = [];

    /// <summary>Σ span durations, the (increment-rounded) usage that was rated.</summary>
    public Usage RatedUsage
    {
        get
        {
            long total = 0;
            foreach (var ts in Timespans)
            {
                total += ts.Duration.Nanoseconds;
            }
            return new Usage(total);
        }
    }

    /// <summary>The first span's connect fee (CGRateS parity: CallCost.GetConnectFee).</summary>
    public decimal ConnectFee => Timespans.Count > 0 && Timespans[0].RateInterval is { } ri ? ri.Rating.ConnectFee : 0m;

    /// <summary>The rating with the most rounding decimals among the spans (CGRateS parity: GetLongestRounding).</summary>
    public (int Decimals, RoundingMethod Method) LongestRounding()
    {
        var decimals = 0;
        var method = RoundingMethod.None;
        foreach (var ts in Timespans)
        {
            if (ts.RateInterval is { } ri && ri.Rating.RoundingDecimals > decimals)
            {
                decimals = ri.Rating.RoundingDecimals;
                method = ri.Rating.RoundingMethod;
            }
        }
        return (decimals, method);
    }
}
