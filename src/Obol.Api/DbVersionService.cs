using Obol.Api.JsonRpc;
using Obol.Primitives;

namespace Obol.Api;

/// <summary>APIerSv1's Get/Set Data/StorDB versions (apier/v1/versions.go) over the store's version documents.</summary>
public sealed class DbVersionService(IVersionStore store, string dataDbType, string storDbType)
{
    public const string DataDb = "datadb";
    public const string StorDb = "stordb";

    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<object?, Dictionary<string, long>>("APIerSv1.GetDataDBVersions", (_, ct) => GetAsync(DataDb, ct));
        dispatcher.Add<object?, Dictionary<string, long>>("APIerSv1.GetStorDBVersions", (_, ct) => GetAsync(StorDb, ct));
        dispatcher.Add<SetVersionsArg, string>("APIerSv1.SetDataDBVersions", (a, ct) => SetAsync(DataDb, a, ct));
        dispatcher.Add<SetVersionsArg, string>("APIerSv1.SetStorDBVersions", (a, ct) => SetAsync(StorDb, a, ct));
    }

    /// <summary>engine.CheckVersions on a store that has none yet: it is written with the current versions; with
    /// <paramref name="overwrite"/> (cgr-engine's <c>-set_versions</c>) whatever is stored is replaced by them.</summary>
    public async Task EnsureAsync(bool overwrite = false, CancellationToken ct = default)
    {
        foreach (var (db, type) in new[] { (DataDb, dataDbType), (StorDb, storDbType) })
        {
            if (overwrite || await store.GetAsync(db, ct).ConfigureAwait(false) is null)
            {
                await store.SetAsync(db, DbVersions.CurrentFor(type, db == DataDb), ct).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<RpcResult<Dictionary<string, long>>> GetAsync(string db, CancellationToken ct) =>
        await store.GetAsync(db, ct).ConfigureAwait(false) is { Count: > 0 } versions
            ? new Dictionary<string, long>(versions, StringComparer.Ordinal)
            : RpcResult.Fail<Dictionary<string, long>>(ErrorCodes.NotFound);

    /// <summary>Merged into the stored versions, or replacing them with Overwrite. Without Versions both set the current
    /// DataDB versions, as CGRateS's do (its SetStorDBVersions too).</summary>
    private async ValueTask<RpcResult<string>> SetAsync(string db, SetVersionsArg args, CancellationToken ct)
    {
        var versions = args.Versions ?? DbVersions.Data;
        var stored = args.Overwrite ? null : await store.GetAsync(db, ct).ConfigureAwait(false);
        var merged = new Dictionary<string, long>(stored ?? new Dictionary<string, long>(), StringComparer.Ordinal);
        foreach (var (item, version) in versions)
        {
            merged[item] = version;
        }
        await store.SetAsync(db, merged, ct).ConfigureAwait(false);
        return "OK";
    }
}

/// <summary>v1.SetVersionsArg.</summary>
public sealed record SetVersionsArg(Dictionary<string, long>? Versions, bool Overwrite);

/// <summary>Where the versions are kept (storage implements it), by database: <see cref="DbVersionService.DataDb"/>
/// or <see cref="DbVersionService.StorDb"/>.</summary>
public interface IVersionStore
{
    Task<IReadOnlyDictionary<string, long>?> GetAsync(string db, CancellationToken ct = default);

    Task SetAsync(string db, IReadOnlyDictionary<string, long> versions, CancellationToken ct = default);
}
