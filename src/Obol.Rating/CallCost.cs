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

    public List<RatingSpan> Timespans { get; set; } = [];

    /// <summary>The paying account after the debit that made this cost (null for a cost only rated).</summary>
    public AccountSummary? AccountSummary { get; set; }

    /// <summary>Whether this piece of the call pays the connect fee (LoopIndex 0).</summary>
    public bool DeductConnectFee { get; init; }

    /// <summary>Set by a debit when no balance could pay the connect fee and <c>*default</c> went negative.</summary>
    public bool NegativeConnectFee { get; set; }

    /// <summary>Set by a dry-run debit that stopped at a <c>*disconnect</c> max cost.</summary>
    public bool MaxCostDisconnect { get; set; }

    /// <summary>End of the last span, or null without spans.</summary>
    public Instant? EndTime => Timespans.Count == 0 ? null : Timespans[^1].TimeEnd;

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
