using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// The APIer's changes to actions, action plans and account bindings outside a tariff-plan load. Each replaces the
/// immutable snapshot it touches under the load lock, so a concurrent load or call sees either the old or the new set,
/// and saves it to the <see cref="IRalsStateStore"/> first, so memory never shows a change a restart would lose.
/// </summary>
public sealed partial class RalsService
{
    /// <summary>Action list ids, sorted.</summary>
    public IReadOnlyList<string> ActionIds => [.. _accounting.Actions.Keys.Order(StringComparer.Ordinal)];

    public ActionPlan? GetActionPlan(string id) => _plans.FirstOrDefault(p => p.Id == id);

    /// <summary>APIerSv1.SetActions: <see cref="ErrorCodes.Exists"/> when the list exists and may not be overwritten.</summary>
    public Task<string?> SetActionsAsync(string actionsId, IReadOnlyList<AccountAction> actions, bool overwrite, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            if (!overwrite && _accounting.Actions.ContainsKey(actionsId))
            {
                return ErrorCodes.Exists;
            }
            await SaveActionsAsync(new Dictionary<string, IReadOnlyList<AccountAction>?>(StringComparer.Ordinal) { [actionsId] = actions }, ct)
                .ConfigureAwait(false);
            var map = new Dictionary<string, IReadOnlyList<AccountAction>>(_accounting.Actions, StringComparer.Ordinal) { [actionsId] = actions };
            _accounting = new AccountingData(map, _accounting.ActionTriggers);
            return null;
        }, ct);

    /// <summary>APIerSv1.RemoveActions: lists still used by an action plan are kept (CGRateS refuses them too).</summary>
    public Task<string?> RemoveActionsAsync(IReadOnlyList<string> actionsIds, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            var used = actionsIds.FirstOrDefault(id => _plans.Any(p => p.ActionTimings.Any(t => t.ActionsId == id)));
            if (used is not null)
            {
                return $"{ErrorCodes.ServerError}: action {used} is used by an action plan";
            }
            var map = new Dictionary<string, IReadOnlyList<AccountAction>>(_accounting.Actions, StringComparer.Ordinal);
            var removed = actionsIds.Where(map.Remove).ToList();
            if (removed.Count == 0)
            {
                return ErrorCodes.NotFound;
            }
            await SaveActionsAsync(removed.ToDictionary(id => id, _ => (IReadOnlyList<AccountAction>?)null, StringComparer.Ordinal), ct)
                .ConfigureAwait(false);
            _accounting = new AccountingData(map, _accounting.ActionTriggers);
            return null;
        }, ct);

    /// <summary>
    /// APIerSv1.SetActionPlan: the plan replaces one of the same id (when <paramref name="overwrite"/>), and, as in
    /// CGRateS, starts without accounts — SetAccount binds them. Every timing's actions must exist.
    /// </summary>
    public Task<string?> SetActionPlanAsync(ActionPlan plan, bool overwrite, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            if (!overwrite && GetActionPlan(plan.Id) is not null)
            {
                return ErrorCodes.Exists;
            }
            if (plan.ActionTimings.FirstOrDefault(t => !_accounting.Actions.ContainsKey(t.ActionsId)) is { } broken)
            {
                return $"{ErrorCodes.BrokenReference}:{broken.ActionsId}";
            }
            await ReplacePlansAsync([.. _plans.Where(p => p.Id != plan.Id), plan], ct).ConfigureAwait(false);
            return null;
        }, ct);

    public Task<string?> RemoveActionPlanAsync(string id, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            if (GetActionPlan(id) is null)
            {
                return ErrorCodes.NotFound;
            }
            await ReplacePlansAsync([.. _plans.Where(p => p.Id != id)], ct).ConfigureAwait(false);
            return null;
        }, ct);

    /// <summary>
    /// APIerSv1.RemoveActionTiming: with an account, unbinds it from the plan; else with a timing uuid, takes that timing
    /// out of the plan; else removes the whole plan. NOT_FOUND when there is no such plan.
    /// </summary>
    public Task<string?> RemoveActionTimingAsync(string planId, string timingUuid, string? accountId, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            if (GetActionPlan(planId) is not { } plan)
            {
                return ErrorCodes.NotFound;
            }
            ActionPlan? changed = accountId is not null ? WithoutAccount(plan, accountId)
                : timingUuid.Length > 0 ? plan with { ActionTimings = [.. plan.ActionTimings.Where(t => t.Uuid != timingUuid)] }
                : null;
            await ReplacePlansAsync([.. _plans.Where(p => p.Id != planId), .. changed is null ? Array.Empty<ActionPlan>() : [changed]], ct)
                .ConfigureAwait(false);
            return null;
        }, ct);

    /// <summary>
    /// APIerSv1/v2.SetAccount: creates the account when missing, binds it to the action plans given (their <c>*asap</c>
    /// timings run for it; with <paramref name="plansOverwrite"/> it leaves every other plan), adds fresh copies of the
    /// trigger sets given (replacing its triggers with <paramref name="triggersOverwrite"/>) and sets the flags given.
    /// </summary>
    public Task<string?> SetAccountAsync(string tenant, string account, IReadOnlyList<string> actionPlanIds, bool plansOverwrite,
        IReadOnlyList<string> actionTriggerIds, bool triggersOverwrite, bool? allowNegative, bool? disabled, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            var id = tenant + ":" + account;
            if (actionPlanIds.Any(p => GetActionPlan(p) is null) || actionTriggerIds.Any(t => !_accounting.ActionTriggers.ContainsKey(t)))
            {
                return ErrorCodes.ServerErrorWith(ErrorCodes.NotFound);
            }
            var triggers = actionTriggerIds.SelectMany(_accounting.TriggersFor).ToList();
            await Accounts.UpdateAsync(id, existing =>
            {
                var changed = existing ?? new Account(tenant, account);
                if (actionTriggerIds.Count > 0)
                {
                    changed.ActionTriggers = triggersOverwrite ? triggers : [.. changed.ActionTriggers, .. triggers];
                    ActionTriggerEngine.InitCounters(changed);
                }
                changed.AllowNegative = allowNegative ?? changed.AllowNegative;
                changed.Disabled = disabled ?? changed.Disabled;
                return (changed, true);
            }, ct).ConfigureAwait(false);
            if (actionPlanIds.Count > 0)
            {
                await ReplacePlansAsync([.. _plans.Select(p => actionPlanIds.Contains(p.Id) ? WithAccount(p, id) : plansOverwrite ? WithoutAccount(p, id) : p)], ct)
                    .ConfigureAwait(false);
            }
            return null;
        }, ct);

    /// <summary>APIerSv1.RemoveAccount: unbinds the account from every plan, then deletes it.</summary>
    public Task<string?> RemoveAccountAsync(string tenant, string account, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            var id = tenant + ":" + account;
            if (_plans.Any(p => p.AccountIds.Contains(id)))
            {
                await ReplacePlansAsync([.. _plans.Select(p => WithoutAccount(p, id))], ct).ConfigureAwait(false);
            }
            var removed = await Accounts.RemoveAsync(id, ct).ConfigureAwait(false);
            return removed ? null : ErrorCodes.ServerErrorWith(ErrorCodes.NotFound);
        }, ct);

    /// <summary>The ids of the plans an account is bound to (APIerSv1.GetAccountActionPlan).</summary>
    public IReadOnlyList<ActionPlan> PlansOf(string accountId) => [.. _plans.Where(p => p.AccountIds.Contains(accountId))];

    private async Task ReplacePlansAsync(IReadOnlyList<ActionPlan> plans, CancellationToken ct)
    {
        await SavePlanChangesAsync(plans, ct).ConfigureAwait(false);
        await SchedulePlansAsync(plans, ct).ConfigureAwait(false);
        PlansChanged?.Invoke(this, EventArgs.Empty);
    }

    private async Task SchedulePlansAsync(IReadOnlyList<ActionPlan> plans, CancellationToken ct)
    {
        _plans = plans;
        await Scheduler.ReloadAsync(plans, ct).ConfigureAwait(false);
        if (!Scheduler.IsRunning)
        {
            Scheduler.Start();
        }
    }

    /// <summary>Raised after action plans or their bindings change outside a tariff-plan load, so storage can keep them.</summary>
    public event EventHandler? PlansChanged;

    private static ActionPlan WithAccount(ActionPlan plan, string accountId) =>
        plan.AccountIds.Contains(accountId) ? plan : plan with { AccountIds = new HashSet<string>(plan.AccountIds, StringComparer.Ordinal) { accountId } };

    private static ActionPlan WithoutAccount(ActionPlan plan, string accountId)
    {
        if (!plan.AccountIds.Contains(accountId))
        {
            return plan;
        }
        var ids = new HashSet<string>(plan.AccountIds, StringComparer.Ordinal);
        ids.Remove(accountId);
        return plan with { AccountIds = ids };
    }

    private async Task<string?> UnderLoadLockAsync(Func<Task<string?>> change, CancellationToken ct)
    {
        await _loading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await change().ConfigureAwait(false);
        }
        finally
        {
            _loading.Release();
        }
    }
}
