using Obol.Api.JsonRpc;
using Obol.Primitives;
using static Obol.Api.TpRows.TpFields;

namespace Obol.Api.TpRows;

/// <summary>
/// The rating and accounting tables' row methods: destination rates and rating plans, rating profiles, shared groups,
/// actions, action plans, action triggers and account actions. Rating profiles and account actions carry a LoadId
/// (apier/v1/tpratingprofiles.go, tpaccountactions.go), so they have methods of their own besides the four.
/// </summary>
internal static class TpAccountingTables
{
    public static void Register(TpRowService service, JsonRpcDispatcher dispatcher)
    {
        TpRatingPlanTables.Register(service, dispatcher);
        TpActionTables.Register(service, dispatcher);
        RegisterRatingProfiles(new RatingProfileTable(service.Store), service.DefaultTenant, dispatcher);
        RegisterAccountActions(new AccountActionTable(service.Store), service.DefaultTenant, dispatcher);
    }

    private static string Tenant(string? tenant, string defaultTenant) => string.IsNullOrEmpty(tenant) ? defaultTenant : tenant;

    private static void RegisterRatingProfiles(RatingProfileTable table, string defaultTenant, JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<TpRatingProfile, string>("APIerSv1.SetTPRatingProfile", (item, ct) =>
            table.SetAsync(item with { Tenant = Tenant(item.Tenant, defaultTenant) }, ct));
        dispatcher.Add<TpKeyArgs, TpRatingProfile>("APIerSv1.GetTPRatingProfile", table.GetAsync);
        dispatcher.Add<TpIdsArgs, List<string>>("APIerSv1.GetTPRatingProfileIds", table.IdsAsync);
        dispatcher.Add<TpKeyArgs, string>("APIerSv1.RemoveTPRatingProfile", table.RemoveAsync);
        dispatcher.Add<TpRatingProfile, List<TpRatingProfile>>("APIerSv1.GetTPRatingProfilesByLoadID", (filter, ct) =>
        {
            // A Subject narrows to one profile, so it needs its Category too.
            var missing = ApierService.Missing(("TPid", string.IsNullOrEmpty(filter.TPid)), ("LoadId", string.IsNullOrEmpty(filter.LoadId)),
                ("Category", !string.IsNullOrEmpty(filter.Subject) && string.IsNullOrEmpty(filter.Category)));
            return missing.Length > 0
                ? ValueTask.FromResult(RpcResult.Fail<List<TpRatingProfile>>(ErrorCodes.MandatoryIeMissingFields(missing)))
                : table.FindAsync(filter.TPid!,
                    [filter.LoadId!, Tenant(filter.Tenant, defaultTenant), filter.Category ?? "", filter.Subject ?? ""], ct);
        });
        dispatcher.Add<AttrTpRatingProfileIds, List<string>>("APIerSv1.GetTPRatingProfileLoadIds", (args, ct) => string.IsNullOrEmpty(args.TPid)
            ? ValueTask.FromResult(RpcResult.Fail<List<string>>(ErrorCodes.MandatoryIeMissingFields("TPid")))
            : table.LoadIdsAsync(args.TPid, [Tenant(args.Tenant, defaultTenant), args.Category ?? "", args.Subject ?? ""],
                new TpIdsArgs(args.TPid, null, null, null), ct));
    }

    private static void RegisterAccountActions(AccountActionTable table, string defaultTenant, JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<TpAccountActions, string>("APIerSv1.SetTPAccountActions", (item, ct) =>
            table.SetAsync(item with { Tenant = Tenant(item.Tenant, defaultTenant) }, ct));
        dispatcher.Add<TpKeyArgs, TpAccountActions>("APIerSv1.GetTPAccountActions", table.GetAsync);
        dispatcher.Add<TpIdsArgs, List<string>>("APIerSv1.GetTPAccountActionIds", table.IdsAsync);
        dispatcher.Add<TpKeyArgs, string>("APIerSv1.RemoveTPAccountActions", table.RemoveAsync);
        dispatcher.Add<TpAccountActions, List<TpAccountActions>>("APIerSv1.GetTPAccountActionsByLoadId", (filter, ct) =>
        {
            var missing = ApierService.Missing(("TPid", string.IsNullOrEmpty(filter.TPid)), ("LoadId", string.IsNullOrEmpty(filter.LoadId)));
            return missing.Length > 0
                ? ValueTask.FromResult(RpcResult.Fail<List<TpAccountActions>>(ErrorCodes.MandatoryIeMissingFields(missing)))
                : table.FindAsync(filter.TPid!, [filter.LoadId!, Tenant(filter.Tenant, defaultTenant), filter.Account ?? ""], ct);
        });
        dispatcher.Add<TpIdsArgs, List<string>>("APIerSv1.GetTPAccountActionLoadIds", (args, ct) => string.IsNullOrEmpty(args.TPid)
            ? ValueTask.FromResult(RpcResult.Fail<List<string>>(ErrorCodes.MandatoryIeMissingFields("TPid")))
            : table.LoadIdsAsync(args.TPid, ["", ""], args, ct));
    }

    private sealed class RatingProfileTable(TpRowStore store) : TpLoadIdTable<TpRatingProfile>(store)
    {
        public override string FileName => "RatingProfiles.csv";

        protected override int GroupColumns => 3;

        protected override (string Field, string? Id) IdOf(TpKeyArgs args) => ("RatingProfileID", args.RatingProfileID);

        protected override string WrongId(string id) => "Wrong TPRatingProfileId: " + id;

        protected override string[] Missing(TpRatingProfile item) => ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)),
            ("LoadId", string.IsNullOrEmpty(item.LoadId)), ("Category", string.IsNullOrEmpty(item.Category)),
            ("Subject", string.IsNullOrEmpty(item.Subject)), ("RatingPlanActivations", item.RatingPlanActivations is not { Count: > 0 }));

        protected override string[] KeyOf(TpRatingProfile item) => [item.LoadId!, item.Tenant!, item.Category!, item.Subject!];

        protected override IEnumerable<string[]> Rows(TpRatingProfile item) => item.RatingPlanActivations!.OfType<TpRatingActivation>()
            .Select(a => new[]
            {
                item.Tenant!, item.Category!, item.Subject!, a.ActivationTime ?? "", a.RatingPlanId ?? "", a.FallbackSubjects ?? "",
            });

        protected override TpRatingProfile Build(string tpId, string loadId, IReadOnlyList<string[]> rows) =>
            new(tpId, loadId, rows[0][0], rows[0][1], rows[0][2], [.. rows.Select(r => new TpRatingActivation(r[3], r[4], r[5]))]);
    }

    private sealed class AccountActionTable(TpRowStore store) : TpLoadIdTable<TpAccountActions>(store)
    {
        public override string FileName => "AccountActions.csv";

        protected override int GroupColumns => 2;

        protected override (string Field, string? Id) IdOf(TpKeyArgs args) => ("AccountActionsId", args.AccountActionsId);

        protected override string WrongId(string id) => "Wrong TP Account Action Id: " + id;

        protected override string[] Missing(TpAccountActions item) => ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)),
            ("LoadId", string.IsNullOrEmpty(item.LoadId)), ("Account", string.IsNullOrEmpty(item.Account)),
            ("ActionPlanId", string.IsNullOrEmpty(item.ActionPlanId)));

        protected override string[] KeyOf(TpAccountActions item) => [item.LoadId!, item.Tenant!, item.Account!];

        protected override IEnumerable<string[]> Rows(TpAccountActions item) =>
            [[item.Tenant!, item.Account!, item.ActionPlanId!, item.ActionTriggersId ?? "", Bool(item.AllowNegative), Bool(item.Disabled)]];

        // One row per account; a file naming it twice gives the last, as StorDB's grouping does.
        protected override TpAccountActions Build(string tpId, string loadId, IReadOnlyList<string[]> rows) =>
            rows[^1] is var r ? new(tpId, loadId, r[0], r[1], r[2], r[3], Bool(r[4]), Bool(r[5])) : throw new InvalidOperationException();
    }
}

/// <summary>utils.TPRatingProfile.</summary>
public sealed record TpRatingProfile(string? TPid, string? LoadId, string? Tenant, string? Category, string? Subject,
    List<TpRatingActivation>? RatingPlanActivations) : ITpRow;

/// <summary>utils.AttrTPRatingProfileIds.</summary>
public sealed record AttrTpRatingProfileIds(string? TPid, string? Tenant, string? Category, string? Subject);

/// <summary>utils.TPAccountActions.</summary>
public sealed record TpAccountActions(string? TPid, string? LoadId, string? Tenant, string? Account, string? ActionPlanId, string? ActionTriggersId,
    bool AllowNegative, bool Disabled) : ITpRow;
