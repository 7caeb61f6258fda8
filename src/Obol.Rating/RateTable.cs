using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// The price part of a rate interval (CGRateS RIRate): a Rates.csv rate with the DestinationRates.csv
/// rounding and max-cost settings. Slots are kept sorted by GroupIntervalStart.
/// </summary>
public sealed class RateTable
{
    public RateTable(string ratesId, decimal connectFee, RoundingMethod roundingMethod, int roundingDecimals,
        decimal maxCost, string maxCostStrategy, IEnumerable<RateSlot> slots)
    {
        RatesId = ratesId;
        ConnectFee = connectFee;
        RoundingMethod = roundingMethod;
        RoundingDecimals = roundingDecimals;
        MaxCost = maxCost;
        MaxCostStrategy = maxCostStrategy;
        Slots = [.. slots.OrderBy(s => s.GroupIntervalStart.Nanoseconds)];
    }

    public string RatesId { get; }
    public decimal ConnectFee { get; }
    public RoundingMethod RoundingMethod { get; }
    public int RoundingDecimals { get; }
    public decimal MaxCost { get; }

    /// <summary><c>*free</c>, <c>*disconnect</c> or empty.</summary>
    public string MaxCostStrategy { get; }

    public RateSlot[] Slots { get; }

    /// <summary>The last slot whose GroupIntervalStart is at or before <paramref name="groupStart"/>
    /// (CGRateS parity: RateInterval.GetRateParameters).</summary>
    public RateSlot? SlotAt(Usage groupStart)
    {
        RateSlot? found = null;
        foreach (var slot in Slots)
        {
            if (slot.GroupIntervalStart > groupStart)
            {
                break;
            }
            found = slot;
        }
        // CGRateS returns -1 parameters when the first slot starts after 0 and the call is still before it, which
        // prices such calls with nonsense; the first slot is the only sensible reading.
        return found ?? (Slots.Length > 0 ? Slots[0] : null);
    }
}
