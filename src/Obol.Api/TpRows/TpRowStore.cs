using System.Text.Json;
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
    /// <summary>The LoadId of rows no API call gave one: CGRateS's folder importer stamps them so (utils.CSVLoad).</summary>
    public const string ImportedLoadId = "CSVLOAD";

    private const string Source = "APIerSv1";

    // RatingProfiles.csv and AccountActions.csv have no LoadId column, yet StorDB keeps one per row group; it is kept
    // beside the plan's files, under a name the plan's reader and exporter pass over, as file → group → LoadId.
    private const string LoadIdsFile = "StorDbLoadIds.json";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public ITariffPlanImports Imports => imports;

    /// <summary>The rows of <paramref name="fileName"/> under <paramref name="tpId"/>; empty when it has none.</summary>
    public async Task<List<string[]>> RowsAsync(string tpId, string fileName, CancellationToken ct) =>
        PlanCsv.RowsOf(await imports.LoadAsync(tpId, ct).ConfigureAwait(false), fileName);

    /// <summary>The rows of a file whose row groups carry a LoadId (tenant:account, tenant:category:subject), each
    /// with the LoadId of its group.</summary>
    public async Task<List<(string[] Row, string LoadId)>> RowsWithLoadIdsAsync(string tpId, string fileName, CancellationToken ct) =>
        RowsWithLoadIds(await imports.LoadAsync(tpId, ct).ConfigureAwait(false), fileName);

    /// <summary>As <see cref="RowsWithLoadIdsAsync"/>, among files already read.</summary>
    public static List<(string[] Row, string LoadId)> RowsWithLoadIds(IReadOnlyList<TariffPlanFile> files, string fileName)
    {
        var loadIds = ReadLoadIds(files).GetValueOrDefault(fileName);
        return [.. PlanCsv.RowsOf(files, fileName).Select(r => (r, LoadIdOf(loadIds, PlanCsv.IdOf(fileName, r))))];
    }

    /// <summary>Removes the rows <paramref name="remove"/> picks, appends <paramref name="add"/>, and saves the TPid;
    /// answers how many rows were removed. A TPid left with no rows at all is no longer listed.</summary>
    public Task<int> ChangeAsync(string tpId, string fileName, Func<string[], bool> remove, IEnumerable<string[]> add, CancellationToken ct) =>
        ChangeFilesAsync(tpId, files => ChangeRows(files, fileName, remove, add).Removed, ct);

    /// <summary>
    /// As <see cref="ChangeAsync(string, string, Func{string[], bool}, IEnumerable{string[]}, CancellationToken)"/>, on a file
    /// whose row groups carry a LoadId: <paramref name="remove"/> sees each row's, the groups of <paramref name="add"/>
    /// take <paramref name="loadId"/>, and a group left without rows forgets its own.
    /// </summary>
    public Task<int> ChangeAsync(string tpId, string fileName, Func<string[], string, bool> remove, IReadOnlyList<string[]> add, string loadId,
        CancellationToken ct) =>
        ChangeFilesAsync(tpId, files =>
        {
            string GroupOf(string[] row) => PlanCsv.IdOf(fileName, row);
            var all = ReadLoadIds(files);
            var loadIds = all.GetValueOrDefault(fileName) ?? new Dictionary<string, string>(StringComparer.Ordinal);
            var (removed, rows) = ChangeRows(files, fileName, row => remove(row, LoadIdOf(loadIds, GroupOf(row))), add);
            foreach (var row in add)
            {
                loadIds[GroupOf(row)] = loadId;
            }
            var groups = rows.Select(GroupOf).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in loadIds.Keys.Where(g => !groups.Contains(g)).ToList())
            {
                loadIds.Remove(gone);
            }
            all[fileName] = loadIds;
            WriteLoadIds(files, all);
            return removed;
        }, ct);

    private async Task<int> ChangeFilesAsync(string tpId, Func<List<TariffPlanFile>, int> change, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var files = (await imports.LoadAsync(tpId, ct).ConfigureAwait(false)).ToList();
            var removed = change(files);
            await imports.SaveAsync(tpId, Source, files, ct).ConfigureAwait(false);
            return removed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Changes the rows of <paramref name="fileName"/> among <paramref name="files"/>; answers how many were
    /// removed and the rows it now holds.</summary>
    private static (int Removed, List<string[]> Rows) ChangeRows(List<TariffPlanFile> files, string fileName, Func<string[], bool> remove,
        IEnumerable<string[]> add)
    {
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
        return (removed, rows);
    }

    private static string LoadIdOf(Dictionary<string, string>? loadIds, string group) =>
        loadIds is not null && loadIds.TryGetValue(group, out var loadId) ? loadId : ImportedLoadId;

    private static Dictionary<string, Dictionary<string, string>> ReadLoadIds(IReadOnlyList<TariffPlanFile> files) =>
        files.FirstOrDefault(f => f.Name == LoadIdsFile) is { } file
            ? JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(file.Text) ?? []
            : [];

    private static void WriteLoadIds(List<TariffPlanFile> files, Dictionary<string, Dictionary<string, string>> loadIds)
    {
        files.RemoveAll(f => f.Name == LoadIdsFile);
        var kept = loadIds.Where(e => e.Value.Count > 0).ToDictionary(StringComparer.Ordinal);
        // Left behind with no rows, it would keep an emptied TPid listed.
        if (kept.Count > 0)
        {
            files.Add(new TariffPlanFile(LoadIdsFile, JsonSerializer.Serialize(kept)));
        }
    }
}
