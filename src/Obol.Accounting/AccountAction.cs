namespace Obol.Accounting;

/// <summary>
/// One action of an action list (an Actions.csv row, CGRateS Action). <see cref="Balance"/> selects or shapes the
/// balances it touches (Value is in the balance's units: nanoseconds for <c>*voice</c>); <see cref="ExpiryTime"/> is
/// resolved when the action runs, since <c>*monthly</c> and friends count from then.
/// </summary>
public sealed record AccountAction
{
    /// <summary>The ActionsId of the list this action belongs to.</summary>
    public string Id { get; init; } = "";

    /// <summary><c>*topup</c>, <c>*log</c>, <c>*disable_account</c>...</summary>
    public string ActionType { get; init; } = "";

    public string ExtraParameters { get; init; } = "";

    public IReadOnlyList<string> FilterIds { get; init; } = [];

    public BalanceFilter Balance { get; init; } = new();

    /// <summary>A Units value given as a formula (<c>{"Method":"*incremental",...}</c>); evaluated when the action runs and
    /// then used instead of <see cref="BalanceFilter.Value"/>.</summary>
    public BalanceValueFormula? ValueFormula { get; init; }

    /// <summary>Empty or <c>*unlimited</c> for never; otherwise any ParseTimeDetectLayout form.</summary>
    public string ExpiryTime { get; init; } = "";

    /// <summary>Execution order: higher first.</summary>
    public decimal Weight { get; init; }
}

/// <summary>Action lists by ActionsId (the port storage implements).</summary>
public interface IActionSource
{
    IReadOnlyList<AccountAction>? GetActions(string actionsId);
}

/// <summary>
/// What the debit reports to unit counters and action triggers. The trigger engine implements it; debits call
/// <see cref="CountUnits"/> after every charged increment, connect fee and refund.
/// </summary>
public interface IAccountTriggers
{
    /// <summary>Adds <paramref name="amount"/> of <paramref name="kind"/> (a balance type, or <c>*event_connect</c>)
    /// to the matching counters, then evaluates the triggers (CGRateS Account.countUnits).</summary>
    void CountUnits(Account account, decimal amount, string kind, CounterContext call, Balance? balance);

    /// <summary>Evaluates the account's triggers on the balances the current operation changed
    /// (CGRateS Account.ExecuteActionTriggers); <paramref name="filter"/> limits them to those an action matches.</summary>
    void ExecuteTriggers(Account account, AccountAction? filter);
}

/// <summary>The call an amount was counted for: event counters match its category and destination.</summary>
public readonly record struct CounterContext(string Category, string Destination)
{
    public static CounterContext None => default;
}
