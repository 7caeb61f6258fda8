using Obol.Rals;
using Obol.Storage.Sqlite;
using Obol.TariffPlans;

namespace Obol.Engine;

/// <summary>The embedded store as RALs' tariff-plan archive (the plan in force, tpid <c>*default</c>) and as StorDB's
/// imported plans (each under <c>stordb:</c> and its TPid, so no TPid can take the place of the plan in force).</summary>
internal sealed class StoredTariffPlan(SqliteTariffPlanStore store) : ITariffPlanArchive, ITariffPlanImports
{
    private const string ImportPrefix = "stordb:";

    public async Task SaveAsync(string source, IReadOnlyList<TariffPlanFile> files, CancellationToken cancellationToken = default) =>
        await store.SaveAsync(files, source, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<TariffPlanFile>?> LoadAsync(CancellationToken cancellationToken = default)
    {
        var files = await store.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return files.Count == 0 ? null : files;
    }

    public async Task SaveAsync(string tpId, string source, IReadOnlyList<TariffPlanFile> files, CancellationToken cancellationToken = default) =>
        await store.SaveAsync(files, source, ImportPrefix + tpId, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<TariffPlanFile>> LoadAsync(string tpId, CancellationToken cancellationToken = default) =>
        await store.LoadAsync(ImportPrefix + tpId, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListTpIdsAsync(cancellationToken).ConfigureAwait(false))
            .Where(id => id.StartsWith(ImportPrefix, StringComparison.Ordinal)).Select(id => id[ImportPrefix.Length..])];
}
