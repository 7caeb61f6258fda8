using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>Reads the account files: SharedGroups, Actions, ActionPlans, ActionTriggers, AccountActions.</summary>
internal sealed class AccountingRows(ReferenceCollector references)
{
    private readonly Dictionary<(string Tenant, string Account), SourceLocation> _accounts = [];

    public List<TpSharedGroup> SharedGroups { get; } = [];
    public List<TpAction> Actions { get; } = [];
    public List<TpActionPlan> ActionPlans { get; } = [];
    public List<TpActionTrigger> ActionTriggers { get; } = [];
    public List<TpAccountAction> AccountActions { get; } = [];

    public void ReadSharedGroup(PlanRow row) =>
        SharedGroups.Add(new TpSharedGroup(row.Location, row.Text(0), row.Text(1), row.Text(2), row.Text(3)));

    public void ReadAction(PlanRow row)
    {
        var id = row.Text(0);
        var actionType = row.Text(1);
        if (!PlanVocabulary.ActionTypes.Contains(actionType))
        {
            row.Fail(1, $"unknown action type \"{actionType}\"");
        }
        var filters = row.Text(3);
        row.CheckInlineFilters(3, FieldText.SplitList(filters));
        var balanceType = BalanceType(row, 5);
        var expiryTime = row.Time(10);
        var timingIds = row.List(11);
        var units = row.Text(12);
        if (!BalanceValues.IsUnits(units, balanceType))
        {
            var expected = balanceType == Meta.Voice ? "a duration" : "a number";
            row.Fail(12, $"invalid units \"{units}\" (expected {expected} or a value formula)");
        }
        var balanceWeight = BalanceWeight(row, 13);
        var balanceBlocker = BalanceFlag(row, 14);
        var balanceDisabled = BalanceFlag(row, 15);
        var weight = row.Decimal(16);
        if (row.HasErrors)
        {
            return;
        }
        foreach (var timingId in timingIds)
        {
            // LoadActions resolves balance timings and fails on a missing one; "!" negates a timing.
            references.Add(ReferenceRule.ActionTiming, timingId.TrimStart('!'), row, 11);
        }
        Actions.Add(new TpAction(
            row.Location, id, actionType, row.Text(2), filters, row.Text(4), balanceType, row.List(6), row.List(7), row.Text(8),
            row.List(9), expiryTime, timingIds, units, balanceWeight, balanceBlocker, balanceDisabled, weight));
    }

    public void ReadActionPlan(PlanRow row)
    {
        var id = row.Text(0);
        var actionsId = row.Text(1);
        var timingId = row.Text(2);
        var weight = row.Decimal(3);
        if (row.HasErrors)
        {
            return;
        }
        references.Add(ReferenceRule.ActionPlanActions, actionsId, row, 1);
        references.Add(ReferenceRule.ActionPlanTiming, timingId, row, 2);
        ActionPlans.Add(new TpActionPlan(row.Location, id, actionsId, timingId, weight));
    }

    public void ReadActionTrigger(PlanRow row)
    {
        var id = row.Text(0);
        var thresholdType = row.Text(2);
        if (!PlanVocabulary.ThresholdTypes.Contains(thresholdType))
        {
            row.Fail(2, $"unknown threshold type \"{thresholdType}\"");
        }
        var thresholdValue = row.Decimal(3);
        var recurrent = row.Bool(4);
        var minSleep = row.Duration(5);
        var expiryTime = row.Time(6);
        var activationTime = row.Time(7);
        var balanceType = BalanceType(row, 9);
        var balanceExpiryTime = row.Text(14) == Meta.Any ? Meta.Any : row.Time(14);
        var balanceWeight = BalanceWeight(row, 16);
        var balanceBlocker = BalanceFlag(row, 17);
        var balanceDisabled = BalanceFlag(row, 18);
        var actionsId = row.Text(19);
        var weight = row.Decimal(20);
        if (row.HasErrors)
        {
            return;
        }
        references.Add(ReferenceRule.ActionTriggerActions, actionsId, row, 19);
        ActionTriggers.Add(new TpActionTrigger(
            row.Location, id, row.Text(1), thresholdType, thresholdValue, recurrent, minSleep, expiryTime, activationTime,
            row.Text(8), balanceType, row.List(10), row.List(11), row.Text(12), row.List(13), balanceExpiryTime, row.List(15),
            balanceWeight, balanceBlocker, balanceDisabled, actionsId, weight));
    }

    public void ReadAccountAction(PlanRow row)
    {
        var tenant = row.Text(0);
        var account = row.Text(1);
        var actionPlanId = row.Text(2);
        var actionTriggersId = row.Text(3);
        var allowNegative = row.Bool(4);
        var disabled = row.Bool(5);
        if (row.HasErrors)
        {
            return;
        }
        if (!_accounts.TryAdd((tenant, account), row.Location))
        {
            // AsMapTPAccountActions keys the rows by tenant:account, so CGRateS silently keeps the last one.
            row.Warn(1, $"duplicate account \"{tenant}:{account}\" (first at {_accounts[(tenant, account)]}); CGRateS keeps the last row");
        }
        if (actionPlanId.Length != 0)
        {
            references.Add(ReferenceRule.AccountActionPlan, actionPlanId, row, 2);
        }
        if (actionTriggersId.Length != 0)
        {
            references.Add(ReferenceRule.AccountActionTriggers, actionTriggersId, row, 3);
        }
        AccountActions.Add(new TpAccountAction(row.Location, tenant, account, actionPlanId, actionTriggersId, allowNegative, disabled));
    }

    private static string BalanceType(PlanRow row, int index)
    {
        var text = row.Text(index);
        if (text.Length != 0 && text != Meta.Any && !PlanVocabulary.BalanceTypes.Contains(text))
        {
            row.Fail(index, $"unknown balance type \"{text}\" (expected *monetary, *voice, *sms, *mms, *data or *generic)");
        }
        return text;
    }

    private static string BalanceWeight(PlanRow row, int index)
    {
        var text = row.Text(index);
        if (!BalanceValues.IsWeight(text))
        {
            row.Fail(index, $"invalid decimal \"{text}\"");
        }
        return text;
    }

    private static string BalanceFlag(PlanRow row, int index)
    {
        var text = row.Text(index);
        if (text.Length != 0 && text != Meta.Any && !FieldText.TryParseGoBool(text, out _))
        {
            row.Fail(index, $"invalid boolean \"{text}\"");
        }
        return text;
    }
}
