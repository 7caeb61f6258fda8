using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// Unit counters and action triggers (CGRateS parity: engine/account.go ExecuteActionTriggers, countUnits,
/// InitCounters, ResetActionTriggers; engine/action_trigger.go Execute). It owns the <see cref="Executor"/> that runs
/// the triggered actions, which in turn re-evaluates triggers after topups, debits and <c>*set_balance</c>.
/// Call it under the account's lock; it changes the account in place and never saves it.
/// </summary>
public sealed class ActionTriggerEngine : IAccountTriggers
{
    private readonly IActionSource _actions;
    private readonly IActionEffects _effects;
    private readonly IRatingDataSource _destinations;
    private readonly IClock _clock;
    private readonly AccountingOptions _options;

    /// <summary>
    /// <paramref name="destinations"/> resolves call destinations to destination ids for <c>*event</c> counters;
    /// <paramref name="timeZone"/> is general.default_timezone (UTC when null), in which zone-less and relative ExpiryTime
    /// values are read; <paramref name="newUuid"/> names the balances actions create; without <paramref name="filters"/>
    /// an action with Filters fails.
    /// </summary>
    public ActionTriggerEngine(IActionSource actions, IActionEffects effects, IRatingDataSource destinations, IClock clock,
        AccountingOptions options, DateTimeZone? timeZone = null, Func<string>? newUuid = null, IActionFilterEvaluator? filters = null)
    {
        _actions = actions;
        _effects = effects;
        _destinations = destinations;
        _clock = clock;
        _options = options;
        Executor = new ActionExecutor(this, effects, clock, options, timeZone ?? DateTimeZone.Utc, newUuid ?? AccountService.NewUuid, filters);
    }

    /// <summary>Runs action lists (action plans, API balance operations) with these triggers.</summary>
    public ActionExecutor Executor { get; }

    /// <inheritdoc />
    public void CountUnits(Account account, decimal amount, string kind, CounterContext call, Balance? balance)
    {
        UnitCounting.AddUnits(account, amount, kind, call, balance, _destinations);
        ExecuteTriggers(account, null);
    }

    /// <inheritdoc />
    public void ExecuteTriggers(Account account, AccountAction? filter)
    {
        // Actions run by a trigger re-enter through topups and debits; CGRateS evaluates once per operation.
        if (account.ExecutingTriggers)
        {
            return;
        }
        account.ExecutingTriggers = true;
        try
        {
            EvaluateAll(account, filter);
            CleanExpired(account, _clock.GetCurrentInstant());
        }
        finally
        {
            account.ExecutingTriggers = false;
        }
    }

    /// <summary>Rebuilds the unit counters from the counter triggers, keeping the values of those that remain.</summary>
    public static void InitCounters(Account account) => UnitCounting.InitCounters(account);

    /// <summary><c>*reset_counters</c>: zeroes the counters equal to <paramref name="filter"/>'s balance filter (all counters
    /// without a filter).</summary>
    public static void ResetCounters(Account account, AccountAction? filter) => UnitCounting.ResetCounters(account, filter?.Balance);

    /// <summary><c>*reset_triggers</c>: re-arms the matching one-shot triggers, then evaluates them.</summary>
    public void ResetTriggers(Account account, AccountAction? filter)
    {
        foreach (var at in account.ActionTriggers)
        {
            if (at.Matches(filter))
            {
                at.Executed = false;
            }
        }
        ExecuteTriggers(account, filter);
    }

    /// <summary><c>*set_recurrent</c> / <c>*unset_recurrent</c> on the matching triggers.</summary>
    public static void SetRecurrent(Account account, AccountAction? filter, bool recurrent)
    {
        foreach (var at in account.ActionTriggers)
        {
            if (at.Matches(filter))
            {
                at.Recurrent = recurrent;
            }
        }
    }

    private void EvaluateAll(Account account, AccountAction? filter)
    {
        SortByWeight(account.ActionTriggers);
        var now = _clock.GetCurrentInstant();
        // Triggered actions may change the trigger and balance lists; like Go's range, the loops keep walking the
        // lists as they were, copied only once something fires.
        var triggers = account.ActionTriggers;
        var count = triggers.Count;
        ActionTrigger[]? snapshot = null;
        for (var i = 0; i < count; i++)
        {
            var at = snapshot is null ? triggers[i] : snapshot[i];
            if (at.IsExpiredAt(now) || !at.IsActiveAt(now) || at.Executed || !IsKnownKind(at.ThresholdType) || !at.Matches(filter))
            {
                continue;
            }
            if (ThresholdTypes.WatchesCounters(at.ThresholdType))
            {
                EvaluateCounters(account, at, ref snapshot, triggers);
            }
            else
            {
                EvaluateBalances(account, at, now, ref snapshot, triggers);
            }
        }
    }

    private void EvaluateCounters(Account account, ActionTrigger at, ref ActionTrigger[]? snapshot, List<ActionTrigger> triggers)
    {
        // CGRateS parity: ExecuteActionTriggers names the trigger's filter after its UniqueID unless the filter's ID is
        // set and empty; a trigger with both a balance ID and a UniqueID therefore never equals its own counter.
        if ((at.Balance.ID is null || at.Balance.ID.Length != 0) && at.UniqueID.Length != 0 && at.Balance.ID != at.UniqueID)
        {
            at.Balance = at.Balance with { ID = at.UniqueID };
        }
        var isMax = at.ThresholdType.StartsWith("*max", StringComparison.Ordinal);
        foreach (var counters in account.UnitCounters.Values)
        {
            for (var u = 0; u < counters.Count; u++)
            {
                var uc = counters[u];
                // "*event" counters serve the *_event_counter types, "*balance" ones the *_balance_counter types.
                if (uc.CounterType.Length < 2 || !at.ThresholdType.AsSpan().Contains(uc.CounterType.AsSpan(1), StringComparison.Ordinal))
                {
                    continue;
                }
                for (var c = 0; c < uc.Counters.Count; c++)
                {
                    var counter = uc.Counters[c];
                    var crossed = isMax ? counter.Value >= at.ThresholdValue : counter.Value <= at.ThresholdValue;
                    if (crossed && BalanceFilterOperations.SameFilter(counter.Filter, at.Balance))
                    {
                        snapshot ??= [.. triggers];
                        Execute(account, at);
                    }
                }
            }
        }
    }

    private void EvaluateBalances(Account account, ActionTrigger at, Instant now, ref ActionTrigger[]? snapshot, List<ActionTrigger> triggers)
    {
        if (!account.BalanceMap.TryGetValue(at.Balance.TypeOrEmpty, out var balances))
        {
            return;
        }
        var count = balances.Count;
        Balance[]? balanceSnapshot = null;
        for (var i = 0; i < count; i++)
        {
            var b = balanceSnapshot is null ? balances[i] : balanceSnapshot[i];
            // Only balances this operation changed count, except for expiry which needs no change to happen.
            if (!b.Dirty && at.ThresholdType != ThresholdTypes.BalanceExpired)
            {
                continue;
            }
            var crossed = at.ThresholdType switch
            {
                ThresholdTypes.MaxBalance => b.Value >= at.ThresholdValue,
                ThresholdTypes.MinBalance => b.Value <= at.ThresholdValue,
                ThresholdTypes.BalanceExpired => b.IsExpiredAt(now),
                _ => false,
            };
            if (crossed && at.Balance.MatchesExactly(b))
            {
                balanceSnapshot ??= [.. balances];
                snapshot ??= [.. triggers];
                Execute(account, at);
            }
        }
    }

    /// <summary>CGRateS parity: ActionTrigger.Execute. Executed is set before the actions run and stays set when one
    /// fails; a recurrent trigger is re-armed at once but waits MinSleep between runs.</summary>
    private void Execute(Account account, ActionTrigger at)
    {
        var now = _clock.GetCurrentInstant();
        if (at.Recurrent && at.LastExecutionTime is { } last && (now - last).ToInt64Nanoseconds() < at.MinSleep.Nanoseconds)
        {
            return;
        }
        at.LastExecutionTime = now;
        if (account.Disabled)
        {
            _effects.Log(ActionLogLevel.Error, $"User {account.Id} is disabled and there are triggers in action!");
            return;
        }
        var actions = _actions.GetActions(at.ActionsId);
        if (actions is null)
        {
            _effects.Log(ActionLogLevel.Error, $"Failed to get actions: {ErrorCodes.NotFound}");
            return;
        }
        at.Executed = true;
        var result = Executor.Run(account, actions);
        if (at.Recurrent)
        {
            at.Executed = false;
        }
        if (result.RemoveAccount)
        {
            // CGRateS removes the account here, then the operation that fired the trigger saves it again.
            _effects.Log(ActionLogLevel.Warning, $"{ActionTypes.RemoveAccount} run by trigger {at.ID} on {account.Id} is not applied: "
                + "the operation that fired the trigger saves the account");
        }
    }

    /// <summary>CGRateS parity: Account.CleanExpiredStuff, including its loop that steps over the element following a
    /// removed one (two adjacent expired balances take two passes).</summary>
    private void CleanExpired(Account account, Instant now)
    {
        if (_options.RemoveExpired)
        {
            foreach (var balances in account.BalanceMap.Values)
            {
                for (var i = 0; i < balances.Count; i++)
                {
                    if (balances[i].IsExpiredAt(now))
                    {
                        balances.RemoveAt(i);
                    }
                }
            }
        }
        var triggers = account.ActionTriggers;
        for (var i = 0; i < triggers.Count; i++)
        {
            if (triggers[i].IsExpiredAt(now))
            {
                triggers.RemoveAt(i);
            }
        }
    }

    // CGRateS parity: the "sanity check" that skips types naming neither counters, balances nor connects.
    private static bool IsKnownKind(string type) =>
        ThresholdTypes.WatchesCounters(type) || type.Contains("balance", StringComparison.Ordinal);

    // Go's sort.Sort on a handful of triggers is an insertion sort, hence stable; higher weights first.
    private static void SortByWeight(List<ActionTrigger> triggers)
    {
        for (var i = 1; i < triggers.Count; i++)
        {
            var current = triggers[i];
            var j = i - 1;
            while (j >= 0 && triggers[j].Weight < current.Weight)
            {
                triggers[j + 1] = triggers[j];
                j--;
            }
            triggers[j + 1] = current;
        }
    }
}
