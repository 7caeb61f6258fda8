using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// One account's row of a plan kept in StorDB, loaded without replacing the plan in force (APIerSv1.LoadAccountActions,
/// tp_reader.go LoadAccountActionsFiltered): the row's action plan and trigger set, and the action lists they run,
/// are set from the stored plan; the plan keeps the accounts it had; then the account is bound to both.
/// </summary>
public sealed partial class RalsService
{
    /// <summary>Loads <paramref name="rows"/> in turn, the plan's actions, plans and triggers built once; null when all
    /// loaded, else CGRateS's error for the first that did not.</summary>
    public async Task<string?> LoadAccountActionsAsync(TariffPlan plan, IReadOnlyList<TpAccountAction> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rows);
        var options = new TariffPlanReadOptions(_options.TimeZone, _clock.GetCurrentInstant());
        var (accounting, accountingErrors) = AccountingDataBuilder.Build(plan, options, AccountService.NewUuid);
        var (plans, planErrors) = ActionPlanDataBuilder.Build(plan, options);
        if (accountingErrors.Concat(planErrors).Where(e => !e.IsWarning).ToList() is { Count: > 0 } errors)
        {
            return ErrorCodes.ServerErrorWith(TariffPlanLoadResult.Summary(errors));
        }
        foreach (var row in rows)
        {
            if (await LoadAccountActionAsync(accounting, plans, row, ct).ConfigureAwait(false) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private async Task<string?> LoadAccountActionAsync(AccountingData accounting, IReadOnlyList<ActionPlan> plans, TpAccountAction row,
        CancellationToken ct)
    {
        var actionPlan = row.ActionPlanId.Length == 0 ? null : plans.FirstOrDefault(p => p.Id == row.ActionPlanId);
        var triggers = row.ActionTriggersId.Length == 0 ? null : accounting.ActionTriggers.GetValueOrDefault(row.ActionTriggersId);
        if ((row.ActionPlanId.Length > 0 && actionPlan is null) || (row.ActionTriggersId.Length > 0 && triggers is null))
        {
            return ErrorCodes.ServerErrorWith(ErrorCodes.NotFound);
        }
        var actionIds = (actionPlan?.ActionTimings.Select(t => t.ActionsId) ?? []).Concat(triggers?.Select(t => t.ActionsId) ?? [])
            .Where(id => id.Length > 0).Distinct(StringComparer.Ordinal);
        foreach (var id in actionIds)
        {
            if (accounting.GetActions(id) is { } actions && await SetActionsAsync(id, actions, overwrite: true, ct).ConfigureAwait(false) is { } error)
            {
                return error;
            }
        }
        if (triggers is not null)
        {
            await UnderLoadLockAsync(() => ReplaceTriggerGroupAsync(row.ActionTriggersId, triggers, ct), ct).ConfigureAwait(false);
        }
        if (actionPlan is not null)
        {
            var kept = GetActionPlan(actionPlan.Id)?.AccountIds ?? new HashSet<string>(StringComparer.Ordinal);
            if (await SetActionPlanAsync(actionPlan with { AccountIds = kept }, overwrite: true, ct).ConfigureAwait(false) is { } error)
            {
                return error;
            }
        }
        return await SetAccountAsync(row.Tenant, row.Account, actionPlan is null ? [] : [actionPlan.Id], plansOverwrite: false,
            triggers is null ? [] : [row.ActionTriggersId], triggersOverwrite: true, row.AllowNegative, row.Disabled, ct).ConfigureAwait(false);
    }
}
