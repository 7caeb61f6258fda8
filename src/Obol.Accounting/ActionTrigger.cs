using NodaTime;
using Obol.Primitives;

namespace Obol.Accounting;

/// <summary>
/// A threshold watched on an account (CGRateS ActionTrigger): when a balance or counter crosses
/// <see cref="ThresholdValue"/> the <see cref="ActionsId"/> run; one-shot unless <see cref="Recurrent"/>.
/// </summary>
public sealed class ActionTrigger
{
    public string ID { get; set; } = "";
    public string UniqueID { get; set; } = "";
    public string ThresholdType { get; set; } = "";
    public decimal ThresholdValue { get; set; }
    public bool Recurrent { get; set; }
    public Usage MinSleep { get; set; }
    public Instant? ExpirationDate { get; set; }
    public Instant? ActivationDate { get; set; }
    public BalanceFilter Balance { get; set; } = new();
    public decimal Weight { get; set; }
    public string ActionsId { get; set; } = "";
    public bool Executed { get; set; }
    public Instant? LastExecutionTime { get; set; }

    public bool IsExpiredAt(Instant t) => ExpirationDate is { } e && e < t;

    public bool IsActiveAt(Instant t) => ActivationDate is not { } a || a <= t;

    public ActionTrigger Clone() => (ActionTrigger)MemberwiseClone();
}

/// <summary>Counts units or money per balance filter for the counter triggers (CGRateS UnitCounter).</summary>
public sealed class UnitCounter
{
    /// <summary><c>*event</c> or <c>*balance</c>.</summary>
    public string CounterType { get; set; } = "*event";

    public List<CounterFilter> Counters { get; set; } = [];

    public UnitCounter Clone() => new() { CounterType = CounterType, Counters = Counters.ConvertAll(c => new CounterFilter { Value = c.Value, Filter = c.Filter }) };
}

public sealed class CounterFilter
{
    public decimal Value { get; set; }
    public BalanceFilter Filter { get; set; } = new();
}
