using Obol.Rals;
using Obol.TariffPlans;

namespace Obol.Api.TpRows;

/// <summary>
/// The rows of the plans imported under a TPid, read and changed one file at a time. A change rewrites the TPid's
/// files as one save, and changes run one at a time, so two Sets on the same file never lose one another's rows.
/// </summary>
#pragma warning disable CA1001 // Lives as long as the engine's dispatcher; its semaphore never waits on a handle.
internal sealed class TpRowStore(ITariffPlanImports imports)
#pragma warning restore CA1001
{
    private const string Source = "APIerSv1";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public ITariffPlanImports Imports => imports;

    /// <summary>The rows of <paramref name="fileName"/> under <paramref name="tpId"/>; empty when it has none.</summary>
    public async Task<List<string[]>> RowsAsync(string tpId, string fileName, CancellationToken ct)
    {
        var files = await imports.LoadAsync(tpId, ct).ConfigureAwait(false);
        return files.FirstOrDefault(f => f.Name == fileName) is { } file ? PlanCsv.ReadRows(fileName, file.Text) : [];
    }

    /// <summary>Removes the rows <paramref name="remove"/> picks, appends <paramref name="add"/>, and saves the TPid;
    /// answers how many rows were removed. A TPid left with no rows at all is no longer listed.</summary>
    public async Task<int> ChangeAsync(string tpId, string fileName, Func<string[], bool> remove, IEnumerable<string[]> add, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var files = (await imports.LoadAsync(tpId, ct).ConfigureAwait(false)).ToList();
            var index = files.FindIndex(f => f.Name == fileName);
            var rows = index < 0 ? [] : PlanCsv.ReadRows(fileName, files[index].Text);
            var removed = rows.RemoveAll(r => remove(r));
            rows.AddRange(add);
            var file = new TariffPlanFile(fileName, PlanCsv.Write(fileName, rows));
            if (rows.Count == 0)
            {
                files.RemoveAll(f => f.Name == fileName);
            }
            else if (index < 0)
            {
                files.Add(file);
            }
            else
            {
                files[index] = file;
            }
            await imports.SaveAsync(tpId, Source, files, ct).ConfigureAwait(false);
            return removed;
        }
        finally
        {
            _gate.Release();
        }
    }
}
