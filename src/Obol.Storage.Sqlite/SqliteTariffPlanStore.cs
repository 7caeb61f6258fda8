using Obol.TariffPlans;
using System.Globalization;

namespace Obol.Storage.Sqlite;

/// <summary>
/// The tariff plan the engine has loaded, kept as its CSV files so a restart rebuilds rating data and action plans
/// without the original folder. A plan is identified by its tpid (<see cref="DefaultTpId"/> for the engine's current
/// plan); saving replaces every file of that tpid in one transaction, so a reader finds the old plan or the new one,
/// never a mix. Each save adds a row to the load history.
/// </summary>
public sealed class SqliteTariffPlanStore
{
    public const string DefaultTpId = "*default";

    private const string DeleteFiles = "DELETE FROM tp_files WHERE tpid = $p0";
    private const string InsertFile = "INSERT INTO tp_files (tpid, name, text) VALUES ($p0, $p1, $p2)";
    private const string InsertLoad = "INSERT INTO tp_loads (tpid, loaded_at, source, file_count, char_count) VALUES ($p0, $p1, $p2, $p3, $p4)";

    private readonly SqliteStore _store;
    private readonly TimeProvider _time;

    internal SqliteTariffPlanStore(SqliteStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>Replaces the stored plan <paramref name="tpId"/> with <paramref name="files"/> and records the load
    /// from <paramref name="source"/> (the folder, for the history); returns once committed.</summary>
    /// <exception cref="ArgumentException">Two files have the same name.</exception>
    public async ValueTask SaveAsync(IEnumerable<TariffPlanFile> files, string source, string tpId = DefaultTpId,
        CancellationToken cancellationToken = default)
    {
        var copy = files.ToArray();
        var duplicate = copy.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"file {duplicate.Key} given twice", nameof(files));
        }
        var loadedAt = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        long chars = copy.Sum(f => (long)f.Text.Length);
        await _store.WriteAsync(new WriteOperation(null, batch =>
        {
            batch.Run(DeleteFiles, tpId);
            foreach (var file in copy)
            {
                batch.Run(InsertFile, tpId, file.Name, file.Text);
            }
            batch.Run(InsertLoad, tpId, loadedAt, source, copy.Length, chars);
            return true;
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every <c>*.csv</c> of <paramref name="folder"/> and saves them as the plan.</summary>
    public async ValueTask SaveFolderAsync(string folder, string tpId = DefaultTpId, CancellationToken cancellationToken = default)
    {
        var files = new List<TariffPlanFile>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            files.Add(new TariffPlanFile(Path.GetFileName(path), await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)));
        }
        await SaveAsync(files, Path.GetFullPath(folder), tpId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The files of plan <paramref name="tpId"/> ordered by name; empty when none was saved.</summary>
    public async ValueTask<IReadOnlyList<TariffPlanFile>> LoadAsync(string tpId = DefaultTpId, CancellationToken cancellationToken = default)
    {
        var files = new List<TariffPlanFile>();
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, text FROM tp_files WHERE tpid = $t ORDER BY name";
            command.Parameters.AddWithValue("$t", tpId);
            var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    files.Add(new TariffPlanFile(rows.GetString(0), rows.GetString(1)));
                }
            }
        }
        return files;
    }

    /// <summary>Every tpid that has files, sorted.</summary>
    public async ValueTask<IReadOnlyList<string>> ListTpIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT tpid FROM tp_files ORDER BY tpid";
            var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(rows.GetString(0));
                }
            }
        }
        return ids;
    }

    /// <summary>The most recent loads first, of one plan or of all when <paramref name="tpId"/> is null.</summary>
    public async ValueTask<IReadOnlyList<TariffPlanLoad>> GetLoadHistoryAsync(string? tpId = null, int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var loads = new List<TariffPlanLoad>();
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT id, tpid, loaded_at, source, file_count, char_count FROM tp_loads
                WHERE $t IS NULL OR tpid = $t ORDER BY id DESC LIMIT $n
                """;
            command.Parameters.AddWithValue("$t", (object?)tpId ?? DBNull.Value);
            command.Parameters.AddWithValue("$n", limit);
            var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    loads.Add(new TariffPlanLoad(rows.GetInt64(0), rows.GetString(1),
                        DateTimeOffset.Parse(rows.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                        rows.GetString(3), rows.GetInt32(4), rows.GetInt64(5)));
                }
            }
        }
        return loads;
    }
}
