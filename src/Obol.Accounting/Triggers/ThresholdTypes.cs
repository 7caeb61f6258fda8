namespace Obol.Accounting;

/// <summary>ActionTrigger threshold types (utils/consts.go). Any type naming "counter" watches unit counters, any other
/// naming "balance" watches balances; the engine decides by those words, as CGRateS does.</summary>
public static class ThresholdTypes
{
    public const string MinBalance = "*min_balance";
    public const string MaxBalance = "*max_balance";
    public const string BalanceExpired = "*balance_expired";
    public const string MinEventCounter = "*min_event_counter";
    public const string MaxEventCounter = "*max_event_counter";
    public const string MinBalanceCounter = "*min_balance_counter";
    public const string MaxBalanceCounter = "*max_balance_counter";

    /// <summary><see cref="UnitCounter.CounterType"/> of counters fed by every counted amount of a matching call.</summary>
    public const string EventCounter = "*event";

    /// <summary><see cref="UnitCounter.CounterType"/> of counters fed by amounts taken from a matching balance.</summary>
    public const string BalanceCounter = "*balance";

    /// <summary>The kind <c>IAccountTriggers.CountUnits</c> counts once per charged connect fee.</summary>
    public const string EventConnect = "*event_connect";

    internal static bool WatchesCounters(string type) =>
        type.Contains("counter", StringComparison.Ordinal) || type.Contains("connect", StringComparison.Ordinal);
}
