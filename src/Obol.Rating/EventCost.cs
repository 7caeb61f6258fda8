using System.Text.Json.Serialization;
using NodaTime;
using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// The normalised cost report CGRateS returns from <c>APIerSv1.GetCost</c> and stores with CDRs (engine.EventCost):
/// charging intervals referencing shared rating, rate and timing tables by short ids. Property names are the wire names.
/// </summary>
public sealed class EventCost
{
    public string CGRID { get; set; } = "";
    public string RunID { get; set; } = "";
    public OffsetDateTime StartTime { get; set; }
    public Usage? Usage { get; set; }
    public decimal? Cost { get; set; }
    public List<ChargingInterval> Charges { get; set; } = [];
    public AccountSummary? AccountSummary { get; set; }
    public Dictionary<string, RatingUnit> Rating { get; set; } = [];
    public Dictionary<string, BalanceCharge> Accounting { get; set; } = [];
    public Dictionary<string, Dictionary<string, string>> RatingFilters { get; set; } = [];
    public Dictionary<string, RateSlot[]> Rates { get; set; } = [];
    public Dictionary<string, ChargedTiming> Timings { get; set; } = [];

    /// <summary>Fills <see cref="Usage"/> and <see cref="Cost"/> from the charges (CGRateS parity: EventCost.Compute).</summary>
    public void Compute(int roundingDecimals)
    {
        long usage = 0;
        decimal cost = 0;
        foreach (var charge in Charges)
        {
            usage += charge.Usage.Nanoseconds * charge.CompressFactor;
            cost += charge.TotalCost(roundingDecimals);
        }
        Usage = new Usage(usage);
        Cost = Rounding.Round(cost, roundingDecimals, RoundingMethod.Middle);
    }
}

public sealed class ChargingInterval
{
    public string RatingID { get; set; } = "";
    public List<ChargingIncrement> Increments { get; set; } = [];
    public int CompressFactor { get; set; } = 1;

    internal Usage Usage
    {
        get
        {
            long total = 0;
            foreach (var inc in Increments)
            {
                total += inc.Usage.Nanoseconds * inc.CompressFactor;
            }
            return new Usage(total);
        }
    }

    /// <summary>Round(Σ increment cost × factor), then × CompressFactor rounded again (CGRateS parity: TotalCost).</summary>
    internal decimal TotalCost(int roundingDecimals)
    {
        decimal sum = 0;
        foreach (var inc in Increments)
        {
            sum += inc.Cost * inc.CompressFactor;
        }
        var one = Rounding.Round(sum, roundingDecimals, RoundingMethod.Middle);
        return Rounding.Round(one * CompressFactor, roundingDecimals, RoundingMethod.Middle);
    }
}

public sealed record ChargingIncrement(Usage Usage, decimal Cost, string AccountingID, int CompressFactor);

public sealed record RatingUnit(decimal ConnectFee, string RoundingMethod, int RoundingDecimals, decimal MaxCost,
    string MaxCostStrategy, string TimingID, string RatesID, string RatingFiltersID);

/// <summary>engine.BalanceCharge; BalanceFactor is omitted from the JSON when unset, as Go's omitempty drops a zero.</summary>
public sealed record BalanceCharge(string AccountID, string BalanceUUID, string RatingID, decimal Units,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? BalanceFactor, string ExtraChargeID);

public sealed class ChargedTiming
{
    public int[] Years { get; set; } = [];
    public int[] Months { get; set; } = [];
    public int[] MonthDays { get; set; } = [];
    public int[] WeekDays { get; set; } = [];
    public string StartTime { get; set; } = "";
}
