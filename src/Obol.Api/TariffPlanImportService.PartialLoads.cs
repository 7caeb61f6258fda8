using Obol.Api.JsonRpc;
using Obol.Api.TpRows;
using Obol.Primitives;
using Obol.Rals;
using Obol.TariffPlans;

namespace Obol.Api;

/// <summary>
/// Parts of a StorDB plan loaded beside the plan in force, as provisioning does after the SetTP… methods:
/// LoadAccountActions (the rows matching the LoadId, tenant and account given, each when given), LoadDestination,
/// LoadRatingProfile (which, as CGRateS's, needs the rating plans it names to be in force already), LoadRatingPlan
/// (with the destination rates, rates, destinations and timings it names) and LoadSharedGroup.
/// </summary>
public sealed partial class TariffPlanImportService
{
    private const string AccountActionsFile = "AccountActions.csv";

    private void RegisterPartialLoads(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<AttrLoadDestination, string>("APIerSv1.LoadDestination", LoadDestinationAsync);
        dispatcher.Add<AttrLoadRatingPlan, string>("APIerSv1.LoadRatingPlan", LoadRatingPlanAsync);
        dispatcher.Add<AttrLoadSharedGroup, string>("APIerSv1.LoadSharedGroup", LoadSharedGroupAsync);
        dispatcher.Add<TpRatingProfileArgs, string>("APIerSv1.LoadRatingProfile", LoadRatingProfileAsync);
        dispatcher.Add<TpRatingProfileArgs, string>("APIerSv2.LoadRatingProfile", LoadRatingProfileAsync);
        dispatcher.Add<TpAccountActions, string>("APIerSv1.LoadAccountActions", LoadAccountActionsAsync);
        dispatcher.Add<TpAccountActions, string>("APIerSv2.LoadAccountActions", LoadAccountActionsAsync);
    }

    private async ValueTask<RpcResult<string>> LoadAccountActionsAsync(TpAccountActions args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.TPid))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("TPid"));
        }
        var files = await imports.LoadAsync(args.TPid, ct).ConfigureAwait(false);
        var read = TariffPlanReader.ReadFiles(files, new TariffPlanReadOptions(zone, clock.GetCurrentInstant()) { ResolveReferences = false });
        if (!read.Succeeded)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(TariffPlanLoadResult.Summary(read.Errors.Where(e => !e.IsWarning))));
        }
        HashSet<string>? ofLoad = string.IsNullOrEmpty(args.LoadId) ? null
            : [.. TpRowStore.RowsWithLoadIds(files, AccountActionsFile).Where(r => r.LoadId == args.LoadId).Select(r => PlanCsv.IdOf(AccountActionsFile, r.Row))];
        var matching = read.Plan.AccountActions.Where(a =>
            (string.IsNullOrEmpty(args.Tenant) || a.Tenant == args.Tenant) &&
            (string.IsNullOrEmpty(args.Account) || a.Account == args.Account) &&
            (ofLoad is null || ofLoad.Contains(a.Tenant + ":" + a.Account))).ToList();
        if (matching.Count == 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(ErrorCodes.NotFound));
        }
        if (await rals.LoadAccountActionsAsync(read.Plan, matching, ct).ConfigureAwait(false) is { } error)
        {
            return RpcResult.Fail<string>(AsServerError(error));
        }
        // The *asap actions of the plans just bound have run by the reply, as after a whole load.
        await rals.Scheduler.WhenIdleAsync().ConfigureAwait(false);
        return "OK";
    }

    /// <summary>The rating plan named (every one of the plan without an ID), with what it names, written over the plan
    /// in force; NOT_FOUND when the plan holds no such rating plan.</summary>
    private async ValueTask<RpcResult<string>> LoadRatingPlanAsync(AttrLoadRatingPlan args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.TPid))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("TPid"));
        }
        var files = await imports.LoadAsync(args.TPid, ct).ConfigureAwait(false);
        var plans = Rows(files, "RatingPlans.csv", r => string.IsNullOrEmpty(args.RatingPlanId) || r[0] == args.RatingPlanId);
        if (plans.Count == 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.NotFound);
        }
        var destinationRates = Rows(files, "DestinationRates.csv", r => plans.Any(p => p[1] == r[0]));
        var subset = new Dictionary<string, List<string[]>>(StringComparer.Ordinal)
        {
            ["RatingPlans.csv"] = plans,
            ["DestinationRates.csv"] = destinationRates,
            ["Rates.csv"] = Rows(files, "Rates.csv", r => destinationRates.Any(d => d[2] == r[0])),
            ["Destinations.csv"] = Rows(files, "Destinations.csv", r => destinationRates.Any(d => d[1] == r[0])),
            ["Timings.csv"] = Rows(files, "Timings.csv", r => plans.Any(p => p[2] == r[0])),
        };
        return await MergeAsync(args.TPid, subset, ct).ConfigureAwait(false);
    }

    /// <summary>The shared group named (every one without an ID) written over the plan in force.</summary>
    private async ValueTask<RpcResult<string>> LoadSharedGroupAsync(AttrLoadSharedGroup args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.TPid))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("TPid"));
        }
        var files = await imports.LoadAsync(args.TPid, ct).ConfigureAwait(false);
        var groups = Rows(files, "SharedGroups.csv", r => string.IsNullOrEmpty(args.SharedGroupId) || r[0] == args.SharedGroupId);
        return groups.Count == 0
            ? RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(ErrorCodes.NotFound))
            : await MergeAsync(args.TPid, new Dictionary<string, List<string[]>>(StringComparer.Ordinal) { ["SharedGroups.csv"] = groups }, ct)
                .ConfigureAwait(false);
    }

    /// <summary>RALs' error as CGRateS's loader answers it: once under SERVER_ERROR.</summary>
    private static string AsServerError(string error) =>
        error.StartsWith(ErrorCodes.ServerError, StringComparison.Ordinal) ? error : ErrorCodes.ServerErrorWith(error);

    private static List<string[]> Rows(IReadOnlyList<TariffPlanFile> files, string fileName, Func<string[], bool> picked) =>
        [.. PlanCsv.RowsOf(files, fileName).Where(picked)];

    private async ValueTask<RpcResult<string>> MergeAsync(string tpId, Dictionary<string, List<string[]>> rows, CancellationToken ct)
    {
        var files = rows.Where(f => f.Value.Count > 0).Select(f => new TariffPlanFile(f.Key, PlanCsv.Write(f.Key, f.Value))).ToList();
        var result = await rals.MergeTariffPlanAsync(files, "stordb:" + tpId, dryRun: false, ct).ConfigureAwait(false);
        await rals.Scheduler.WhenIdleAsync().ConfigureAwait(false);
        return result.Succeeded ? "OK" : RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(TariffPlanLoadResult.Summary(result.Errors)));
    }

    /// <summary>The destination named (every one of the plan without an ID) replaces the one in force.</summary>
    private async ValueTask<RpcResult<string>> LoadDestinationAsync(AttrLoadDestination args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.TPid))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("TPid"));
        }
        var destinations = Rows(await imports.LoadAsync(args.TPid, ct).ConfigureAwait(false), "Destinations.csv",
                r => string.IsNullOrEmpty(args.ID) || r[0] == args.ID)
            .GroupBy(r => r[0], r => r[1], StringComparer.Ordinal)
            .ToList();
        if (destinations.Count == 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.NotFound);
        }
        foreach (var destination in destinations)
        {
            if (await rals.SetDestinationAsync(destination.Key, [.. destination], overwrite: true, ct).ConfigureAwait(false) is { } error)
            {
                return RpcResult.Fail<string>(AsServerError(error));
            }
        }
        return "OK";
    }

    /// <summary>Each rating profile matching the LoadId, tenant (the default when empty), category and subject given
    /// replaces its activations in force with the plan's.</summary>
    private async ValueTask<RpcResult<string>> LoadRatingProfileAsync(TpRatingProfileArgs args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.TPid))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("TPid"));
        }
        var tenant = string.IsNullOrEmpty(args.Tenant) ? defaultTenant : args.Tenant;
        var profiles = TpRowStore.RowsWithLoadIds(await imports.LoadAsync(args.TPid, ct).ConfigureAwait(false), "RatingProfiles.csv")
            .Where(r => (string.IsNullOrEmpty(args.LoadId) || r.LoadId == args.LoadId) && r.Row[0] == tenant
                && (string.IsNullOrEmpty(args.Category) || r.Row[1] == args.Category) && (string.IsNullOrEmpty(args.Subject) || r.Row[2] == args.Subject))
            .GroupBy(r => (r.Row[0], r.Row[1], r.Row[2]), r => new RatingPlanActivationChange(r.Row[3], r.Row[4], FieldText.SplitList(r.Row[5])))
            .ToList();
        if (profiles.Count == 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(ErrorCodes.NotFound));
        }
        // CGRateS's TpReader.LoadRatingProfilesFiltered: every plan named must be in DataDB, or nothing more is loaded.
        if (profiles.SelectMany(p => p).FirstOrDefault(a => rals.RatingData.GetRatingPlan(a.RatingPlanId) is null) is { } missing)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith($"could not load rating plans for tag: \"{missing.RatingPlanId}\""));
        }
        foreach (var profile in profiles)
        {
            var (t, category, subject) = profile.Key;
            if (await rals.SetRatingProfileAsync(t, category, subject, [.. profile], overwrite: true, ct).ConfigureAwait(false) is { } error)
            {
                return RpcResult.Fail<string>(AsServerError(error));
            }
        }
        return "OK";
    }
}

/// <summary>v1.AttrLoadRatingPlan.</summary>
public sealed record AttrLoadRatingPlan(string? TPid, string? RatingPlanId);

/// <summary>v1.AttrLoadSharedGroup.</summary>
public sealed record AttrLoadSharedGroup(string? TPid, string? SharedGroupId);

/// <summary>v1.AttrLoadDestination.</summary>
public sealed record AttrLoadDestination(string? TPid, string? ID);

/// <summary>utils.TPRatingProfile as LoadRatingProfile's filter.</summary>
public sealed record TpRatingProfileArgs(string? TPid, string? LoadId, string? Tenant, string? Category, string? Subject);
