using Obol.Accounting;
using Obol.Primitives;

namespace Obol.Rals;

public sealed partial class RalsService
{
    /// <summary>IActionPlanRunner: the scheduler runs an action list on each account of a plan, creating missing
    /// accounts; a failure on one account does not stop the others (CGRateS ActionTiming.Execute).</summary>
    public async Task RunAsync(string actionsId, IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken)
    {
        var actions = GetActions(actionsId);
        if (actions is null)
        {
            throw new InvalidOperationException($"actions {actionsId} not found");
        }
        List<Exception>? failures = null;
        foreach (var id in accountIds)
        {
            try
            {
                var result = await RunListAsync(id, actions, createIfMissing: true, cancellationToken)
                    .ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    (failures ??= []).Add(new InvalidOperationException($"{ErrorCodes.PartiallyExecuted}: {id}: {result.FailedActionType}: {result.Error}"));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                (failures ??= []).Add(e);
            }
        }
        if (failures is not null)
        {
            throw new AggregateException($"actions {actionsId} failed on {failures.Count} account(s)", failures);
        }
    }

    /// <summary>SchedulerSv1.ExecuteActionPlans: every timing of the plans, <c>*asap</c> included, run now on one
    /// account, which is created when missing, heavier timings first; null, or <c>NOT_FOUND</c> for an unknown plan, or
    /// why an action list failed.</summary>
    public async Task<string?> ExecuteActionPlansAsync(IEnumerable<string> planIds, string accountId, CancellationToken ct)
    {
        try
        {
            foreach (var planId in planIds)
            {
                if (GetActionPlan(planId) is not { } plan)
                {
                    return ErrorCodes.NotFound;
                }
                foreach (var timing in plan.ActionTimings.OrderByDescending(t => t.Weight))
                {
                    await RunAsync(timing.ActionsId, [accountId], ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or AggregateException)
        {
            return e.Message;
        }
        return null;
    }

    /// <summary>APIerSv1.ExecuteAction: runs a loaded action list on one account.</summary>
    public async Task<string?> ExecuteActionAsync(string tenant, string account, string actionsId, CancellationToken ct = default)
    {
        if (GetActions(actionsId) is not { } actions)
        {
            return ErrorCodes.NotFound;
        }
        var result = await RunListAsync(tenant + ":" + account, actions, createIfMissing: true, ct)
            .ConfigureAwait(false);
        return result.Succeeded ? null : ErrorCodes.ServerErrorWith(result.Error ?? ErrorCodes.PartiallyExecuted);
    }

    /// <summary>
    /// APIerSv1.SetBalance (console <c>balance_set</c>): a <c>*set_balance</c> action built from the arguments, run on the
    /// account (created when missing), triggers evaluated; Value is absolute.
    /// </summary>
    public Task<string?> SetBalanceAsync(string tenant, string account, string balanceType, decimal value, BalanceFilter balance,
        string expiryTime = "", bool cdrlog = false, CancellationToken ct = default) =>
        RunSingleAsync(tenant, account, cdrlog, new AccountAction
        {
            Id = "SET_BALANCE",
            ActionType = "*set_balance",
            Balance = balance with { Type = balanceType, Value = value },
            ExpiryTime = expiryTime,
        }, ct);

    /// <summary>APIerSv1.AddBalance: <c>*topup</c>, or <c>*topup_reset</c> when <paramref name="overwrite"/>.</summary>
    public Task<string?> AddBalanceAsync(string tenant, string account, string balanceType, decimal value, BalanceFilter balance,
        bool overwrite, string expiryTime = "", bool cdrlog = false, CancellationToken ct = default) =>
        RunSingleAsync(tenant, account, cdrlog, new AccountAction
        {
            Id = "ADD_BALANCE",
            ActionType = overwrite ? "*topup_reset" : "*topup",
            Balance = balance with { Type = balanceType, Value = value },
            ExpiryTime = expiryTime,
        }, ct);

    /// <summary>APIerSv1.DebitBalance: <c>*debit</c>.</summary>
    public Task<string?> DebitBalanceAsync(string tenant, string account, string balanceType, decimal value, BalanceFilter balance,
        bool cdrlog = false, CancellationToken ct = default) =>
        RunSingleAsync(tenant, account, cdrlog, new AccountAction
        {
            Id = "DEBIT_BALANCE",
            ActionType = "*debit",
            Balance = balance with { Type = balanceType, Value = value },
        }, ct);

    /// <summary>APIerSv1.RemoveBalances: <c>*remove_balance</c> on an existing account.</summary>
    public Task<string?> RemoveBalancesAsync(string tenant, string account, string balanceType, BalanceFilter balance, CancellationToken ct = default) =>
        RunSingleAsync(tenant, account, cdrlog: false, new AccountAction
        {
            Id = "REMOVE_BALANCES",
            ActionType = "*remove_balance",
            Balance = balance with { Type = balanceType },
        }, ct, createIfMissing: false);

    /// <summary>APIerSv1.TransferBalance: <c>*transfer_balance</c> (and <c>*cdrlog</c> when asked) run on the source
    /// account, the destination held with it; null or the error.</summary>
    public async Task<string?> TransferBalanceAsync(string tenant, string sourceAccount, string sourceBalanceId, string destinationAccount,
        string destinationBalanceId, decimal? destinationReferenceValue, decimal units, bool cdrlog, CancellationToken ct = default)
    {
        var target = new ActionExecutor.TransferTarget(tenant + ":" + destinationAccount, destinationBalanceId, destinationReferenceValue);
        List<AccountAction> actions =
        [
            new AccountAction
            {
                ActionType = ActionTypes.TransferBalance,
                ExtraParameters = System.Text.Json.JsonSerializer.Serialize(target),
                Balance = new BalanceFilter { ID = sourceBalanceId, Value = units },
            },
        ];
        if (cdrlog)
        {
            actions.Add(new AccountAction { ActionType = ActionTypes.CdrLog });
        }
        var result = await RunListAsync(tenant + ":" + sourceAccount, actions, createIfMissing: true, ct).ConfigureAwait(false);
        return result.Succeeded ? null : ErrorCodes.ServerErrorWith(result.Error ?? ErrorCodes.PartiallyExecuted);
    }

    // As CGRateS's modifyBalance and SetBalance(s) build them: the change, *publish_account, and *cdrlog when the API's
    // flag asks for it. RemoveBalances publishes nothing.
    private async Task<string?> RunSingleAsync(string tenant, string account, bool cdrlog, AccountAction action, CancellationToken ct, bool createIfMissing = true)
    {
        List<AccountAction> actions = [action];
        if (action.ActionType != ActionTypes.RemoveBalance)
        {
            actions.Add(new AccountAction { Id = action.Id, ActionType = ActionTypes.PublishAccount });
        }
        if (cdrlog)
        {
            actions.Add(new AccountAction { Id = action.Id, ActionType = ActionTypes.CdrLog });
        }
        var result = await RunListAsync(tenant + ":" + account, actions, createIfMissing, ct)
            .ConfigureAwait(false);
        return result.Succeeded ? null : ErrorCodes.ServerErrorWith(result.Error ?? ErrorCodes.PartiallyExecuted);
    }

    /// <summary>Runs an action list on an account (created when missing if <paramref name="createIfMissing"/>), with the
    /// accounts its <c>*transfer_balance</c> actions send units to held as well, so a transfer changes both in one write.</summary>
    public Task<ActionRunResult> RunListAsync(string accountId, IReadOnlyList<AccountAction> actions, bool createIfMissing, CancellationToken ct) =>
        Accounts.RunActionsAsync(accountId, ActionExecutor.TransferTargets(accountId, actions), (account, held) => Triggers.Executor.Run(account, actions, held),
            createIfMissing, ct);
}
