using System.Text.Json.Serialization;
using Obol.Api.JsonRpc;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Rals;

namespace Obol.Api;

/// <summary>Load IDs, load times and the load history (apier/v1/apier.go), and APIerSv2's tariff-plan load that
/// answers the load it made.</summary>
public sealed partial class ApierService
{
    private void RegisterLoadIds(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<string?, Dictionary<string, long>>("APIerSv1.GetLoadIDs", (item, _) => ValueTask.FromResult(GetLoadIds(item ?? "")));
        dispatcher.Add<LoadTimeArgs, Dictionary<string, string>>("APIerSv1.GetLoadTimes", (a, _) => ValueTask.FromResult(GetLoadTimes(a)));
        dispatcher.Add<Paginator, LoadInstanceReply[]>("APIerSv1.GetLoadHistory", (a, _) => ValueTask.FromResult(GetLoadHistory(a)));
        dispatcher.Add<AttrLoadTpFromFolder, LoadInstanceReply>("APIerSv2.LoadTariffPlanFromFolder", LoadTariffPlanV2Async);
    }

    /// <summary>DataManager.GetItemLoadIDs: every partition's ID, or the one asked for.</summary>
    private RpcResult<Dictionary<string, long>> GetLoadIds(string item)
    {
        var all = rals.LoadIds.All;
        if (item.Length == 0)
        {
            return all.Count == 0 ? RpcResult.Fail<Dictionary<string, long>>(ErrorCodes.NotFound) : new Dictionary<string, long>(all, StringComparer.Ordinal);
        }
        return all.TryGetValue(item, out var id)
            ? new Dictionary<string, long>(StringComparer.Ordinal) { [item] = id }
            : RpcResult.Fail<Dictionary<string, long>>(ErrorCodes.NotFound);
    }

    /// <summary>The load IDs read as Unix nanoseconds and written as Go's time.String() in the zone asked for.</summary>
    private RpcResult<Dictionary<string, string>> GetLoadTimes(LoadTimeArgs args)
    {
        var ids = GetLoadIds(args.Item ?? "");
        if (ids.IsError)
        {
            return RpcResult.Fail<Dictionary<string, string>>(ids.Error!);
        }
        if (GoTime.LoadLocation(args.Timezone ?? "") is not { } zone)
        {
            return RpcResult.Fail<Dictionary<string, string>>($"unknown time zone {args.Timezone}");
        }
        return ids.Value.ToDictionary(p => p.Key, p => GoTime.ToGoString(NodaTime.Instant.FromUnixTimeTicks(p.Value / 100).PlusNanoseconds(p.Value % 100).InZone(zone)),
            StringComparer.Ordinal);
    }

    /// <summary>APIerSv1.GetLoadHistory: the loads newest first, from Offset, at most Limit of them.</summary>
    private RpcResult<LoadInstanceReply[]> GetLoadHistory(Paginator page)
    {
        var history = rals.LoadIds.History;
        var offset = page.Offset ?? 0;
        var limit = page.Limit ?? -1;
        if (history.Count == 0 || history.Count <= offset || limit == 0)
        {
            return RpcResult.Fail<LoadInstanceReply[]>(ErrorCodes.NotFound);
        }
        var take = limit < 0 ? history.Count - offset : Math.Min(limit, history.Count - offset);
        return history.Skip(Math.Max(0, offset)).Take(take).Select(LoadInstanceReply.Of).ToArray();
    }

    /// <summary>APIerSv2.LoadTariffPlanFromFolder: the load as the history keeps it; a dry run answers <c>*dry_run</c>
    /// for both IDs.</summary>
    private async ValueTask<RpcResult<LoadInstanceReply>> LoadTariffPlanV2Async(AttrLoadTpFromFolder args, CancellationToken ct)
    {
        var (result, error) = await LoadFolderAsync(args, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return RpcResult.Fail<LoadInstanceReply>(error);
        }
        return result!.Load is { } load ? LoadInstanceReply.Of(load) : new LoadInstanceReply("", "*dry_run", "*dry_run", GoJsonTimes.FormatRfc3339Nano(default(NodaTime.Instant)));
    }
}

/// <summary>v1.LoadTimeArgs.</summary>
public sealed record LoadTimeArgs(string? Timezone, string? Item);

/// <summary>utils.Paginator.</summary>
public sealed record Paginator(int? Limit, int? Offset);

/// <summary>utils.LoadInstance on the wire.</summary>
public sealed record LoadInstanceReply(
    [property: JsonPropertyName("LoadID")] string LoadId,
    [property: JsonPropertyName("RatingLoadID")] string RatingLoadId,
    [property: JsonPropertyName("AccountingLoadID")] string AccountingLoadId,
    string LoadTime)
{
    public static LoadInstanceReply Of(LoadInstance load) =>
        new(load.LoadId, load.RatingLoadId, load.AccountingLoadId, GoJsonTimes.FormatRfc3339Nano(load.LoadTime));
}
