using Obol.Api.JsonRpc;
using Obol.Primitives;
using static Obol.Api.TpRows.TpFields;

namespace Obol.Api.TpRows;

/// <summary>The tables accounts act on: shared groups, actions, action plans and action triggers
/// (apier/v1/tpsharedgroups.go, tpactions.go, tpactionplans.go, tpactiontriggers.go).</summary>
internal static class TpActionTables
{
    public static void Register(TpRowService service, JsonRpcDispatcher dispatcher)
    {
        service.Add(dispatcher, new SharedGroupTable(), "SetTPSharedGroups", "GetTPSharedGroups", "GetTPSharedGroupIds", "RemoveTPSharedGroups",
            TpRowService.ById);
        service.Add(dispatcher, new ActionTable(), "SetTPActions", "GetTPActions", "GetTPActionIds", "RemoveTPActions", TpRowService.ById);
        service.Add(dispatcher, new ActionPlanTable(), "SetTPActionPlan", "GetTPActionPlan", "GetTPActionPlanIds", "RemoveTPActionPlan",
            TpRowService.ById);
        service.Add(dispatcher, new ActionTriggerTable(), "SetTPActionTriggers", "GetTPActionTriggers", "GetTPActionTriggerIds",
            "RemoveTPActionTriggers", TpRowService.ById);
    }

    private static string[] Missing(ITpRow item, string? id, (string Field, bool Empty) list) =>
        ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)), ("ID", string.IsNullOrEmpty(id)), list);

    private sealed class SharedGroupTable : TpTable<TpSharedGroups>
    {
        public override string FileName => "SharedGroups.csv";

        public override string IdOf(TpSharedGroups item) => item.ID!;

        public override string[] Missing(TpSharedGroups item) =>
            TpActionTables.Missing(item, item.ID, ("SharedGroups", item.SharedGroups is not { Count: > 0 }));

        public override IEnumerable<string[]> Rows(TpSharedGroups item) => item.SharedGroups!.OfType<TpSharedGroup>()
            .Select(g => new[] { item.ID!, g.Account ?? "", g.Strategy ?? "", g.RatingSubject ?? "" });

        public override TpSharedGroups Build(string tpId, IReadOnlyList<string[]> rows) =>
            new(tpId, rows[0][0], [.. rows.Select(r => new TpSharedGroup(r[1], r[2], r[3]))]);
    }

    private sealed class ActionTable : TpTable<TpActions>
    {
        public override string FileName => "Actions.csv";

        public override string IdOf(TpActions item) => item.ID!;

        public override string[] Missing(TpActions item) => TpActionTables.Missing(item, item.ID, ("Actions", item.Actions is not { Count: > 0 }));

        // BalanceUuid has no column: StorDB drops it, as it does here.
        public override IEnumerable<string[]> Rows(TpActions item) => item.Actions!.OfType<TpAction>().Select(a => new[]
        {
            item.ID!, a.Identifier ?? "", a.ExtraParameters ?? "", a.Filters ?? "", a.BalanceId ?? "", a.BalanceType ?? "", a.Categories ?? "",
            a.DestinationIds ?? "", a.RatingSubject ?? "", a.SharedGroups ?? "", a.ExpiryTime ?? "", a.TimingTags ?? "", a.Units ?? "",
            a.BalanceWeight ?? "", a.BalanceBlocker ?? "", a.BalanceDisabled ?? "", Number(a.Weight),
        });

        public override TpActions Build(string tpId, IReadOnlyList<string[]> rows) => new(tpId, rows[0][0], [.. rows.Select(r =>
            new TpAction(r[1], r[4], "", r[5], r[12], r[10], r[3], r[11], r[7], r[8], r[6], r[9], r[13], r[2], r[14], r[15], Number(r[16])))]);
    }

    private sealed class ActionPlanTable : TpTable<TpActionPlan>
    {
        public override string FileName => "ActionPlans.csv";

        public override string IdOf(TpActionPlan item) => item.ID!;

        public override string[] Missing(TpActionPlan item) =>
            TpActionTables.Missing(item, item.ID, ("ActionPlan", item.ActionPlan is not { Count: > 0 }));

        // CGRateS checks each timing after the plan, naming it by its ActionsId; a float Weight is never missing.
        public override string? Invalid(TpActionPlan item)
        {
            foreach (var timing in item.ActionPlan!)
            {
                var missing = ApierService.Missing(("ActionsId", string.IsNullOrEmpty(timing?.ActionsId)),
                    ("TimingId", string.IsNullOrEmpty(timing?.TimingId)));
                if (missing.Length > 0)
                {
                    return $"{ErrorCodes.MandatoryIeMissing}:Action:{timing?.ActionsId}:[{string.Join(' ', missing)}]";
                }
            }
            return null;
        }

        public override IEnumerable<string[]> Rows(TpActionPlan item) =>
            item.ActionPlan!.OfType<TpActionTiming>().Select(t => new[] { item.ID!, t.ActionsId ?? "", t.TimingId ?? "", Number(t.Weight) });

        public override TpActionPlan Build(string tpId, IReadOnlyList<string[]> rows) =>
            new(tpId, rows[0][0], [.. rows.Select(r => new TpActionTiming(r[1], r[2], Number(r[3])))]);
    }

    private sealed class ActionTriggerTable : TpTable<TpActionTriggers>
    {
        public override string FileName => "ActionTriggers.csv";

        public override string IdOf(TpActionTriggers item) => item.ID!;

        public override string[] Missing(TpActionTriggers item) =>
            ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)), ("ID", string.IsNullOrEmpty(item.ID)));

        // A trigger's Id is its group's, whatever the Set said. With no triggers StorDB still keeps the ID, as a row
        // with nothing else.
        public override IEnumerable<string[]> Rows(TpActionTriggers item) => item.ActionTriggers is { Count: > 0 } triggers
            ? triggers.OfType<TpActionTrigger>().Select(t => new[]
            {
                item.ID!, t.UniqueID ?? "", t.ThresholdType ?? "", Number(t.ThresholdValue), Bool(t.Recurrent), t.MinSleep ?? "",
                t.ExpirationDate ?? "", t.ActivationDate ?? "", t.BalanceId ?? "", t.BalanceType ?? "", t.BalanceCategories ?? "",
                t.BalanceDestinationIds ?? "", t.BalanceRatingSubject ?? "", t.BalanceSharedGroups ?? "", t.BalanceExpirationDate ?? "",
                t.BalanceTimingTags ?? "", t.BalanceWeight ?? "", t.BalanceBlocker ?? "", t.BalanceDisabled ?? "", t.ActionsId ?? "",
                Number(t.Weight),
            })
            : [[item.ID!, "", "", "0", "false", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "0"]];

        public override TpActionTriggers Build(string tpId, IReadOnlyList<string[]> rows) => new(tpId, rows[0][0], [.. rows.Select(r =>
            new TpActionTrigger(r[0], r[1], r[2], Number(r[3]), Bool(r[4]), r[5], r[6], r[7], r[8], r[9], r[11], r[16], r[14], r[15], r[12],
                r[10], r[13], r[17], r[18], r[19], Number(r[20])))]);
    }
}

/// <summary>utils.TPSharedGroups.</summary>
public sealed record TpSharedGroups(string? TPid, string? ID, List<TpSharedGroup>? SharedGroups) : ITpRow;

/// <summary>utils.TPSharedGroup.</summary>
public sealed record TpSharedGroup(string? Account, string? Strategy, string? RatingSubject);

/// <summary>utils.TPActions.</summary>
public sealed record TpActions(string? TPid, string? ID, List<TpAction>? Actions) : ITpRow;

/// <summary>utils.TPAction.</summary>
public sealed record TpAction(string? Identifier, string? BalanceId, string? BalanceUuid, string? BalanceType, string? Units, string? ExpiryTime,
    string? Filters, string? TimingTags, string? DestinationIds, string? RatingSubject, string? Categories, string? SharedGroups,
    string? BalanceWeight, string? ExtraParameters, string? BalanceBlocker, string? BalanceDisabled, decimal Weight);

/// <summary>utils.TPActionPlan.</summary>
public sealed record TpActionPlan(string? TPid, string? ID, List<TpActionTiming>? ActionPlan) : ITpRow;

/// <summary>utils.TPActionTiming.</summary>
public sealed record TpActionTiming(string? ActionsId, string? TimingId, decimal Weight);

/// <summary>utils.TPActionTriggers.</summary>
public sealed record TpActionTriggers(string? TPid, string? ID, List<TpActionTrigger>? ActionTriggers) : ITpRow;

/// <summary>utils.TPActionTrigger.</summary>
public sealed record TpActionTrigger(string? Id, string? UniqueID, string? ThresholdType, decimal ThresholdValue, bool Recurrent, string? MinSleep,
    string? ExpirationDate, string? ActivationDate, string? BalanceId, string? BalanceType, string? BalanceDestinationIds, string? BalanceWeight,
    string? BalanceExpirationDate, string? BalanceTimingTags, string? BalanceRatingSubject, string? BalanceCategories, string? BalanceSharedGroups,
    string? BalanceBlocker, string? BalanceDisabled, string? ActionsId, decimal Weight);
