using NodaTime;

namespace Obol.Accounting;

/// <summary>One run of an action list on an account: what its actions share (CGRateS parity: SharedActionsData).</summary>
internal sealed class ActionRun(Account account, IReadOnlyList<AccountAction> actions, Instant now, IReadOnlyDictionary<string, Account?>? held = null)
{
    private static readonly Dictionary<string, Account?> s_noneHeld = [];

    public Account Account { get; } = account;

    /// <summary>The list in execution order; <c>*cdrlog</c> writes CDRs for the balance actions among them.</summary>
    public IReadOnlyList<AccountAction> Actions { get; } = actions;

    /// <summary>The reference time of the whole run: expiry checks, relative ExpiryTimes and CDR times use it.</summary>
    public Instant Now { get; } = now;

    public bool HasCdrLog { get; } = actions.Any(a => a.ActionType == ActionTypes.CdrLog);

    /// <summary>Position of the running action in <see cref="Actions"/>.</summary>
    public int Index { get; set; }

    public bool RemoveAccount { get; set; }

    /// <summary>Other accounts the caller locked for this run, by id (null: locked but not stored): where
    /// <c>*transfer_balance</c> may send units.</summary>
    public IReadOnlyDictionary<string, Account?> Held { get; } = held ?? s_noneHeld;

    /// <summary>The held accounts the run changed, saved with the account.</summary>
    public List<Account> Touched { get; } = [];

    /// <summary>Per action position: the balance value after a topup or debit (CGRateS Action.balanceValue).</summary>
    public Dictionary<int, decimal> BalanceValues { get; } = [];

    /// <summary>Per action position: the balances <c>*remove_balance</c> or <c>*remove_expired</c> took away, kept only
    /// when a <c>*cdrlog</c> will report them.</summary>
    public Dictionary<int, List<(string Type, Balance Balance)>> Removed { get; } = [];
}
