using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// One balance of an account (CGRateS Balance). <see cref="Value"/> is money for <c>*monetary</c> and units otherwise
/// (nanoseconds for <c>*voice</c>, bytes for <c>*data</c>, messages for <c>*sms</c>). Every change goes through
/// <see cref="SetValue"/>, which rounds like CGRateS and marks the balance dirty for trigger evaluation.
/// </summary>
public sealed class Balance
{
    public string Uuid { get; set; } = "";
    public string ID { get; set; } = "";
    public decimal Value { get; private set; }

    /// <summary>Null means never (Go's zero time).</summary>
    public Instant? ExpirationDate { get; set; }

    public decimal Weight { get; set; }
    public StringMap DestinationIDs { get; set; } = [];
    public string RatingSubject { get; set; } = "";
    public StringMap Categories { get; set; } = [];
    public StringMap SharedGroups { get; set; } = [];
    public List<Timing> Timings { get; set; } = [];
    public StringMap TimingIDs { get; set; } = [];
    public bool Disabled { get; set; }
    public Dictionary<string, decimal> Factors { get; set; } = new(StringComparer.Ordinal);
    public bool Blocker { get; set; }

    /// <summary>Set by an operation that changed the value; triggers look only at dirty balances.</summary>
    internal bool Dirty { get; set; }

    /// <summary>Length of the destination prefix that made the balance usable for the current call.</summary>
    internal int Precision { get; set; }

    /// <summary>The account holding the balance (differs from the debited account for shared-group balances).</summary>
    internal Account? Owner { get; set; }

    public bool IsDefault => ID == Meta.Default;

    /// <summary>Sets the value rounded to the global decimals *middle (CGRateS parity: Balance.SetValue).</summary>
    public void SetValue(decimal amount, int roundingDecimals)
    {
        Value = Rounding.Round(amount, roundingDecimals, RoundingMethod.Middle);
        Dirty = true;
    }

    public void AddValue(decimal amount, int roundingDecimals) => SetValue(Value + amount, roundingDecimals);

    public void SubtractValue(decimal amount, int roundingDecimals) => SetValue(Value - amount, roundingDecimals);

    /// <summary>Restores a stored value without rounding or marking the balance dirty.</summary>
    public void LoadValue(decimal value) => Value = value;

    public bool IsExpiredAt(Instant t) => ExpirationDate is { } exp && exp < t;

    /// <summary>CGRateS parity: Balance.IsActiveAt — with timings, at least one included timing is active and no
    /// excluded (negated) one is.</summary>
    public bool IsActiveAt(Instant t, DateTimeZone zone)
    {
        if (Disabled)
        {
            return false;
        }
        if (Timings.Count == 0)
        {
            return true;
        }
        bool exists = false, active = false;
        foreach (var timing in Timings)
        {
            var negated = TimingIDs.Count > 0 && !TimingIDs.GetValueOrDefault(timing.Id);
            var on = timing.IsActiveAt(t, zone);
            if (!negated)
            {
                exists = true;
                active |= on;
            }
            else if (on)
            {
                return false;
            }
        }
        return !exists || active;
    }

    public bool MatchCategory(string category) => Categories.Count == 0 || Categories.GetValueOrDefault(category);

    /// <summary>The factor for the event's BalanceFactorID, 1 when none (CGRateS parity: ValueFactors.GetValue).</summary>
    public decimal FactorFor(string? key) => key is not null && Factors.TryGetValue(key, out var f) ? f : 1m;

    /// <summary>
    /// A copy for another holder of the account. The id maps, factors and timings are shared: once a balance exists
    /// they are replaced whole, never changed in place, which keeps a load-change-save cycle to a handful of objects.
    /// </summary>
    public Balance Clone()
    {
        var copy = (Balance)MemberwiseClone();
        copy.Owner = null;
        copy.Precision = 0;
        return copy;
    }
}
