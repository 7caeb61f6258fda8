using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Api.TpRows;

/// <summary>
/// A table whose row groups StorDB keys by a LoadId as well (tp_rating_profiles, tp_account_actions): its IDs are
/// "LoadId:" and the group's columns joined by ':' ("L1:cgrates.org:call:1001"). The file has no LoadId column, so the
/// store keeps one per group beside it; a group holds one LoadId, which a Set replaces.
/// </summary>
internal abstract class TpLoadIdTable<T>(TpRowStore store)
    where T : class, ITpRow
{
    public abstract string FileName { get; }

    /// <summary>How many leading columns make a row's group (tenant and account; tenant, category and subject).</summary>
    protected abstract int GroupColumns { get; }

    /// <summary>The field of a Get's or Remove's arguments that names the ID, and its value.</summary>
    protected abstract (string Field, string? Id) IdOf(TpKeyArgs args);

    /// <summary>CGRateS's error for an ID that does not split into the LoadId and the group's columns.</summary>
    protected abstract string WrongId(string id);

    /// <summary>The fields a Set must carry.</summary>
    protected abstract string[] Missing(T item);

    /// <summary>The LoadId and the group's columns <paramref name="item"/> names.</summary>
    protected abstract string[] KeyOf(T item);

    protected abstract IEnumerable<string[]> Rows(T item);

    /// <summary>The shape of one group's rows, in file order.</summary>
    protected abstract T Build(string tpId, string loadId, IReadOnlyList<string[]> rows);

    /// <summary>Replaces the group <paramref name="item"/> names, whatever LoadId it had; the caller has defaulted its
    /// tenant.</summary>
    public async ValueTask<RpcResult<string>> SetAsync(T item, CancellationToken ct)
    {
        if (Missing(item) is { Length: > 0 } missing)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing));
        }
        var key = KeyOf(item);
        var group = string.Join(':', key.AsSpan(1));
        await store.ChangeAsync(item.TPid!, FileName, (row, _) => GroupOf(row) == group, [.. Rows(item)], key[0], ct).ConfigureAwait(false);
        return "OK";
    }

    /// <summary>The first group the ID matches; an empty part of it matches any value, as StorDB's filter skips it.</summary>
    public async ValueTask<RpcResult<T>> GetAsync(TpKeyArgs args, CancellationToken ct)
    {
        var (key, error) = ParseId(args);
        if (error is not null)
        {
            return RpcResult.Fail<T>(error);
        }
        var groups = await GroupsAsync(args.TPid!, key!, ct).ConfigureAwait(false);
        return groups.Count == 0 ? RpcResult.Fail<T>(ErrorCodes.NotFound) : groups[0];
    }

    /// <summary>The groups whose LoadId and columns match <paramref name="filter"/>, with the same any-value rule.</summary>
    public async ValueTask<RpcResult<List<T>>> FindAsync(string tpId, string[] filter, CancellationToken ct)
    {
        var groups = await GroupsAsync(tpId, filter, ct).ConfigureAwait(false);
        return groups.Count == 0 ? RpcResult.Fail<List<T>>(ErrorCodes.NotFound) : groups;
    }

    /// <summary>The group IDs; a search matches any one part of them, as StorDB's LIKE on each column.</summary>
    public async ValueTask<RpcResult<List<string>>> IdsAsync(TpIdsArgs args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.TPid))
        {
            return RpcResult.Fail<List<string>>(ErrorCodes.MandatoryIeMissingFields("TPid"));
        }
        var keys = (await store.RowsWithLoadIdsAsync(args.TPid, FileName, ct).ConfigureAwait(false)).Select(r => Key(r.Row, r.LoadId));
        return Page(keys.Where(k => Searched(k, args.Search)).Select(k => string.Join(':', k)), args);
    }

    /// <summary>The LoadIds of the groups whose columns match <paramref name="group"/> (empty parts match any).</summary>
    public async ValueTask<RpcResult<List<string>>> LoadIdsAsync(string tpId, string[] group, TpIdsArgs page, CancellationToken ct)
    {
        var keys = (await store.RowsWithLoadIdsAsync(tpId, FileName, ct).ConfigureAwait(false)).Select(r => Key(r.Row, r.LoadId));
        return Page(keys.Where(k => Matches(k, ["", .. group]) && Searched(k[..1], page.Search)).Select(k => k[0]), page);
    }

    /// <summary>Removes the group the ID names exactly: StorDB's delete matches empty parts too.</summary>
    public async ValueTask<RpcResult<string>> RemoveAsync(TpKeyArgs args, CancellationToken ct)
    {
        var (key, error) = ParseId(args);
        if (error is not null)
        {
            return RpcResult.Fail<string>(error);
        }
        await store.ChangeAsync(args.TPid!, FileName, (row, loadId) => Key(row, loadId).AsSpan().SequenceEqual(key), [], "", ct)
            .ConfigureAwait(false);
        return "OK";
    }

    private (string[]? Key, string? Error) ParseId(TpKeyArgs args)
    {
        var (field, id) = IdOf(args);
        if (ApierService.Missing(("TPid", string.IsNullOrEmpty(args.TPid)), (field, string.IsNullOrEmpty(id))) is { Length: > 0 } missing)
        {
            return (null, ErrorCodes.MandatoryIeMissingFields(missing));
        }
        var key = id!.Split(':');
        return key.Length == GroupColumns + 1 ? (key, null) : (null, WrongId(id));
    }

    private async Task<List<T>> GroupsAsync(string tpId, string[] filter, CancellationToken ct) =>
        [.. (await store.RowsWithLoadIdsAsync(tpId, FileName, ct).ConfigureAwait(false))
            .Where(r => Matches(Key(r.Row, r.LoadId), filter))
            .GroupBy(r => (r.LoadId, Group: GroupOf(r.Row)))
            .Select(g => Build(tpId, g.Key.LoadId, [.. g.Select(r => r.Row)]))];

    private string GroupOf(string[] row) => PlanCsv.IdOf(FileName, row);

    private string[] Key(string[] row, string loadId) => [loadId, .. row.AsSpan(0, GroupColumns)];

    private static bool Matches(string[] key, string[] filter)
    {
        for (var i = 0; i < key.Length; i++)
        {
            if (filter[i].Length > 0 && filter[i] != key[i])
            {
                return false;
            }
        }
        return true;
    }

    private static bool Searched(string[] key, string? search) =>
        string.IsNullOrEmpty(search) || key.Any(part => part.Contains(search, StringComparison.Ordinal));

    private static RpcResult<List<string>> Page(IEnumerable<string> ids, TpIdsArgs args) =>
        EventRequests.Page([.. ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            new TenantArgs { Limit = args.Limit, Offset = args.Offset });
}
