using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.Rals;
using Obol.TariffPlans;

namespace Obol.Api;

/// <summary>
/// StorDB's tariff plans (apier/v1/apier.go, tp.go): a folder imported under a TPid without touching the plan in force
/// (ImportTariffPlanFromFolder), later loaded over the plan in force, its rows replacing those of the same IDs (LoadTariffPlanFromStorDb), and the TPids held
/// (GetTPIds). A plan is checked when it is imported, so one with an error is refused at once, naming file and line.
/// </summary>
public sealed partial class TariffPlanImportService(RalsService rals, ITariffPlanImports imports, DateTimeZone zone, IClock clock, string exportDir = "",
    string defaultTenant = "cgrates.org")
{
    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<AttrImportTpFromFolder, string>("APIerSv1.ImportTariffPlanFromFolder", ImportAsync);
        dispatcher.Add<AttrLoadTpFromStorDb, string>("APIerSv1.LoadTariffPlanFromStorDb", LoadAsync);
        dispatcher.Add<AttrLoadTpFromStorDb, string>("APIerSv1.RemoveTPFromStorDB", RemoveAsync);
        dispatcher.Add<object?, string[]>("APIerSv1.GetTPIds", async (_, ct) =>
            await imports.ListAsync(ct).ConfigureAwait(false) is { Count: > 0 } ids ? ids.ToArray() : RpcResult.Fail<string[]>(ErrorCodes.NotFound));
        RegisterArchives(dispatcher);
        RegisterPartialLoads(dispatcher);
    }

    private ValueTask<RpcResult<string>> ImportAsync(AttrImportTpFromFolder args, CancellationToken ct) => ImportAsync(args, null, ct);

    // source: what the load history records as the plan's origin (the folder when null).
    private async ValueTask<RpcResult<string>> ImportAsync(AttrImportTpFromFolder args, string? source, CancellationToken ct)
    {
        var missing = ApierService.Missing(("TPid", string.IsNullOrEmpty(args.TPid)), ("FolderPath", string.IsNullOrEmpty(args.FolderPath)));
        if (missing.Length > 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
        }
        if (!string.IsNullOrEmpty(args.CsvSeparator) && args.CsvSeparator[0] != ',')
        {
            // The plan is kept as its files; loading it later reads them as every stored plan is read, comma-separated.
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith($"CsvSeparator \"{args.CsvSeparator[0]}\" is not supported: import comma-separated files"));
        }
        if (!Directory.Exists(args.FolderPath))
        {
            return RpcResult.Fail<string>(ErrorCodes.InvalidPath);
        }
        var (files, errors) = TariffPlanReader.CollectFiles(args.FolderPath!);
        var read = errors.Count > 0 ? null : TariffPlanReader.ReadFiles(files, new TariffPlanReadOptions(zone, clock.GetCurrentInstant()) { ResolveReferences = false });
        var failures = read is null ? errors : read.Errors.Where(e => !e.IsWarning).ToList();
        if (failures.Count > 0)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(TariffPlanLoadResult.Summary(failures)));
        }
        await imports.SaveAsync(args.TPid!, source ?? Path.GetFullPath(args.FolderPath!), files, ct).ConfigureAwait(false);
        return "OK";
    }

    private ValueTask<RpcResult<string>> LoadAsync(AttrLoadTpFromStorDb args, CancellationToken ct) =>
        WithStoredPlanAsync(args, (files, c) => rals.MergeTariffPlanAsync(files, "stordb:" + args.TPid, args.DryRun, c), ct);

    /// <summary>APIerSv1.RemoveTPFromStorDB: what the StorDB plan defines goes from the plan in force and the profiles
    /// (<see cref="RalsService.RemoveTariffPlanAsync"/>).</summary>
    private ValueTask<RpcResult<string>> RemoveAsync(AttrLoadTpFromStorDb args, CancellationToken ct) =>
        WithStoredPlanAsync(args, (files, c) => rals.RemoveTariffPlanAsync(files, "remove:stordb:" + args.TPid, args.DryRun, c), ct);

    /// <summary>The TPid's plan applied by <paramref name="apply"/>, with CGRateS's answers for a missing or mistyped TPid
    /// and for a plan that does not apply.</summary>
    private async ValueTask<RpcResult<string>> WithStoredPlanAsync(AttrLoadTpFromStorDb args,
        Func<IReadOnlyList<TariffPlanFile>, CancellationToken, Task<TariffPlanLoadResult>> apply, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.TPid))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("TPid"));
        }
        // CGRateS answers OK for a TPid with nothing in it; NOT_FOUND says the TPid was mistyped.
        if (await imports.LoadAsync(args.TPid, ct).ConfigureAwait(false) is not { Count: > 0 } files)
        {
            return RpcResult.Fail<string>(ErrorCodes.NotFound);
        }
        var result = await apply(files, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return RpcResult.Fail<string>(args.Validate ? "invalid data"
                : ErrorCodes.ServerErrorWith(TariffPlanLoadResult.Summary(result.Errors)));
        }
        await rals.Scheduler.WhenIdleAsync().ConfigureAwait(false);
        return "OK";
    }
}

/// <summary>utils.AttrImportTPFromFolder.</summary>
public sealed record AttrImportTpFromFolder(string? TPid, string? FolderPath, string? RunId, string? CsvSeparator);

/// <summary>v1.AttrLoadTpFromStorDb.</summary>
public sealed record AttrLoadTpFromStorDb(string? TPid, bool DryRun, bool Validate);
