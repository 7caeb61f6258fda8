using NodaTime;
using Obol.Primitives;

namespace Obol.Accounting;

/// <summary>
/// Runs action lists on an account (CGRateS parity: engine/action_plan.go ActionTiming.Execute and the action
/// functions of engine/action.go): actions in Weight order, higher first; an action whose Filters do not pass is
/// skipped; the first action that fails, or whose type is unknown, stops the list and the account must not be saved.
/// Changes the account in place under the caller's lock; side effects leave through <see cref="IActionEffects"/>.
/// Obtained from <see cref="ActionTriggerEngine.Executor"/>, since actions and triggers call each other.
/// </summary>
public sealed partial class ActionExecutor
{
    private readonly ActionTriggerEngine _triggers;
    private readonly IActionEffects _effects;
    private readonly IClock _clock;
    private readonly AccountingOptions _options;
    private readonly DateTimeZone _zone;
    private readonly Func<string> _newUuid;
    private readonly IActionFilterEvaluator? _filters;
    private readonly Dictionary<string, Func<ActionRun, AccountAction, string?>> _handlers;

    internal ActionExecutor(ActionTriggerEngine triggers, IActionEffects effects, IClock clock, AccountingOptions options, DateTimeZone zone,
        Func<string> newUuid, IActionFilterEvaluator? filters)
    {
        _triggers = triggers;
        _effects = effects;
        _clock = clock;
        _options = options;
        _zone = zone;
        _newUuid = newUuid;
        _filters = filters;
        _handlers = new(StringComparer.Ordinal)
        {
            [ActionTypes.Log] = LogAccount,
            [ActionTypes.TopUp] = (run, action) => ChangeBalances(run, action, Negated(action.Balance), reset: false, resetIfNegative: false),
            [ActionTypes.TopUpReset] = (run, action) => ChangeBalances(run, action, Negated(action.Balance), reset: true, resetIfNegative: false),
            [ActionTypes.Debit] = (run, action) => ChangeBalances(run, action, action.Balance, reset: false, resetIfNegative: false),
            [ActionTypes.DebitReset] = (run, action) => ChangeBalances(run, action, action.Balance, reset: true, resetIfNegative: false),
            [ActionTypes.TopUpZeroNegative] = (run, action) => ChangeBalances(run, action, action.Balance, reset: false, resetIfNegative: true),
            [ActionTypes.SetBalance] = SetBalance,
            [ActionTypes.RemoveBalance] = (run, action) => RemoveBalances(run, action.Balance, expiredOnly: false),
            [ActionTypes.RemoveExpired] = (run, action) => RemoveBalances(run, action.Balance, expiredOnly: true),
            [ActionTypes.SetExpiry] = SetExpiry,
            [ActionTypes.TransferMonetaryDefault] = TransferMonetaryDefault,
            [ActionTypes.TransferBalance] = TransferBalance,
            [ActionTypes.ResetAccount] = ResetAccount,
            [ActionTypes.RemoveAccount] = RemoveAccount,
            [ActionTypes.EnableAccount] = (run, _) => Apply(() => run.Account.Disabled = false),
            [ActionTypes.DisableAccount] = (run, _) => Apply(() => run.Account.Disabled = true),
            [ActionTypes.AllowNegative] = (run, _) => Apply(() => run.Account.AllowNegative = true),
            [ActionTypes.DenyNegative] = (run, _) => Apply(() => run.Account.AllowNegative = false),
            [ActionTypes.ResetTriggers] = (run, action) => Apply(() => _triggers.ResetTriggers(run.Account, action)),
            [ActionTypes.SetRecurrent] = (run, action) => Apply(() => ActionTriggerEngine.SetRecurrent(run.Account, action, true)),
            [ActionTypes.UnsetRecurrent] = (run, action) => Apply(() => ActionTriggerEngine.SetRecurrent(run.Account, action, false)),
            [ActionTypes.ResetCounters] = (run, action) => Apply(() => ActionTriggerEngine.ResetCounters(run.Account, action)),
            [ActionTypes.CdrLog] = CdrLog,
            [ActionTypes.HttpPost] = HttpPost,
            [ActionTypes.HttpPostAsync] = HttpPostAsync,
            [ActionTypes.PublishAccount] = PublishAccount,
            [ActionTypes.AlterSessions] = (_, action) => SessionsCommand(action, _effects.AlterSessions),
            [ActionTypes.ForceDisconnectSessions] = (_, action) => SessionsCommand(action, _effects.ForceDisconnectSessions),
            [ActionTypes.RemoveSessionCosts] = (_, action) => Attempt(() => _effects.RemoveSessionCosts(action.ExtraParameters)),
        };
    }

    /// <summary>The action types this executor runs; any other type fails the list it appears in.</summary>
    public IReadOnlyCollection<string> SupportedActionTypes => _handlers.Keys;

    /// <summary>Runs <paramref name="actions"/> on <paramref name="account"/>. Triggers fire as the balances change.
    /// <paramref name="held"/> are other accounts locked for the run (see <see cref="TransferTargets"/>).</summary>
    public ActionRunResult Run(Account account, IReadOnlyList<AccountAction> actions, IReadOnlyDictionary<string, Account?>? held = null)
    {
        var now = _clock.GetCurrentInstant();
        var ordered = actions.OrderByDescending(a => a.Weight).ToList();
        var run = new ActionRun(account, ordered, now, held);
        for (var i = 0; i < ordered.Count; i++)
        {
            var action = ordered[i];
            if (action.FilterIds.Count > 0)
            {
                if (_filters is null)
                {
                    return Failed(action.ActionType, $"cannot evaluate the filters {string.Join(';', action.FilterIds)}: no filter service");
                }
                if (!_filters.Pass(account.Tenant, action.FilterIds, account))
                {
                    continue;
                }
            }
            if (!_handlers.TryGetValue(action.ActionType, out var handler))
            {
                var message = $"Function type {action.ActionType} not available, aborting execution!";
                _effects.Log(ActionLogLevel.Error, message);
                return ActionRunResult.Failure(action.ActionType, message);
            }
            run.Index = i;
            if (handler(run, Resolve(action, now)) is { } error)
            {
                return Failed(action.ActionType, error);
            }
        }
        var success = ActionRunResult.Success(run.RemoveAccount);
        return run.Touched.Count == 0 ? success : success with { AlsoChanged = run.Touched };
    }

    /// <summary>The accounts other than <paramref name="accountId"/> that the <c>*transfer_balance</c> actions of
    /// <paramref name="actions"/> send units to: the caller locks them with the account before the run.</summary>
    public static IReadOnlyList<string> TransferTargets(string accountId, IEnumerable<AccountAction> actions)
    {
        var targets = new List<string>();
        foreach (var action in actions)
        {
            if (action.ActionType != ActionTypes.TransferBalance || action.ExtraParameters.Length == 0)
            {
                continue;
            }
            try
            {
                if (System.Text.Json.JsonSerializer.Deserialize<TransferTarget>(action.ExtraParameters)?.DestinationAccountID is { Length: > 0 } id
                    && id != accountId && !targets.Contains(id))
                {
                    targets.Add(id);
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // The action itself reports the malformed parameters when it runs.
            }
        }
        return targets;
    }

    private ActionRunResult Failed(string actionType, string error)
    {
        _effects.Log(ActionLogLevel.Error, $"Error executing action {actionType}: {error}!");
        return ActionRunResult.Failure(actionType, error);
    }

    /// <summary>The action as it runs now: ExpiryTime and a value formula resolved against the current time.</summary>
    private AccountAction Resolve(AccountAction action, Instant now)
    {
        var balance = action.Balance;
        // CGRateS parity: an unparsable ExpiryTime is ignored, *unlimited sets "never" explicitly.
        if (action.ExpiryTime.Length != 0 && GoTime.TryParse(action.ExpiryTime, _zone, now, out var expiry))
        {
            var instant = expiry.ToInstant();
            balance = balance with { ExpirationDateSet = true, ExpirationDate = instant == GoTime.Zero.ToInstant() ? null : instant };
        }
        if (action.ValueFormula is { } formula)
        {
            balance = balance with { Value = formula.Evaluate(now.InZone(_zone).Date) };
        }
        return ReferenceEquals(balance, action.Balance) ? action : action with { Balance = balance };
    }

    /// <summary>Topups run as debits of the negated amount; a negative topup amount is taken as its magnitude.</summary>
    private static BalanceFilter Negated(BalanceFilter filter) => filter.Value is > 0 ? filter with { Value = -filter.Value } : filter;

    private static string? Apply(Action change)
    {
        change();
        return null;
    }
}
