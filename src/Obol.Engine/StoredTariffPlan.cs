using Obol.Rals;
using Obol.Storage.Sqlite;
using Obol.TariffPlans;

namespace Obol.Engine;

/// <summary>The embedded store as RALs' tariff-plan archive.</summary>
internal sealed class StoredTariffPlan(SqliteTariffPlanStore store) : ITariffPlanArchive
{
    public async Task SaveAsync(string source, IReadOnlyList<TariffPlanFile> files, CancellationToken cancellationToken = default) =>
        await store.SaveAsync(files, source, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<TariffPlanFile>?> LoadAsync(CancellationToken cancellationToken = default)
    {
        var files = await store.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return files.Count == 0 ? null : files;
    }
}
