using Obol.Primitives;

namespace Obol.Accounting;

/// <summary>The actions that remove, reset or reshape balances and the account itself.</summary>
public sealed partial class ActionExecutor
{
    /// <summary>CGRateS parity: removeBalanceAction / removeExpired — every matching balance of any type (only expired
    /// ones for <c>*remove_expired</c>) goes, the last balance taking its place; NOT_FOUND when none matched.</summary>
    private static string? RemoveBalances(ActionRun run, BalanceFilter filter, bool expiredOnly)
    {
        var found = false;
        foreach (var (type, balances) in run.Account.BalanceMap)
        {
            for (var i = 0; i < balances.Count; i++)
            {
                var b = balances[i];
                if ((expiredOnly && !b.IsExpiredAt(run.Now)) || !filter.Matches(b, type))
                {
                    continue;
                }
                if (run.HasCdrLog)
                {
                    if (!run.Removed.TryGetValue(run.Index, out var removed))
                    {
                        run.Removed[run.Index] = removed = [];
                    }
                    removed.Add((type, b));
                }
                balances[i] = balances[^1];
                balances.RemoveAt(balances.Count - 1);
                i--;
                found = true;
            }
        }
        return found ? null : ErrorCodes.NotFound;
    }

    /// <summary>CGRateS parity: setExpiryAction — the filter's expiry (never when unset) on every balance of its type it
    /// selects, ignoring the balances' current expiry.</summary>
    private static string? SetExpiry(ActionRun run, AccountAction action)
    {
        var filter = action.Balance;
        if (run.Account.BalanceMap.TryGetValue(filter.TypeOrEmpty, out var balances))
        {
            foreach (var b in balances)
            {
                if (filter.Matches(b, "", skipExpiry: true))
                {
                    b.ExpirationDate = filter.ExpirationDateSet ? filter.ExpirationDate : null;
                }
            }
        }
        return null;
    }

    /// <summary>CGRateS parity: transferMonetaryDefaultAction — the positive value of every other selected monetary
    /// balance moves into <c>*default</c> (created when missing), assigned as is: no rounding, no trigger.</summary>
    private string? TransferMonetaryDefault(ActionRun run, AccountAction action)
    {
        var account = run.Account;
        if (!account.BalanceMap.ContainsKey(BalanceTypes.Monetary))
        {
            return ErrorCodes.NotFound;
        }
        var target = account.DefaultMoneyBalance(_newUuid);
        foreach (var b in account.BalancesOf(BalanceTypes.Monetary))
        {
            if (b.Uuid != target.Uuid && b.ID != target.ID && action.Balance.Matches(b, "") && b.Value > 0)
            {
                target.LoadValue(target.Value + b.Value);
                b.LoadValue(0);
            }
        }
        return null;
    }

    /// <summary>CGRateS parity: genericReset — every balance type keeps one empty balance (no UUID, no ID), counters are
    /// rebuilt and all triggers re-armed and evaluated.</summary>
    private string? ResetAccount(ActionRun run, AccountAction action)
    {
        var account = run.Account;
        foreach (var type in account.BalanceMap.Keys.ToList())
        {
            account.BalanceMap[type] = [new Balance { Owner = account }];
        }
        ActionTriggerEngine.InitCounters(account);
        _triggers.ResetTriggers(account, null);
        return null;
    }

    /// <summary>The caller deletes the account (and its action plan bindings) instead of saving it.</summary>
    private static string? RemoveAccount(ActionRun run, AccountAction action)
    {
        run.RemoveAccount = true;
        return null;
    }
}
