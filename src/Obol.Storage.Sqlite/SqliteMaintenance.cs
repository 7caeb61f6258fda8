using System.Globalization;
using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace Obol.Storage.Sqlite;

/// <summary>
/// Backups and upkeep of the store's file while the engine runs, laid out as CGRateS's internal DB lays out its own
/// (ltcache): a backup is <c>backup_&lt;Unix ms&gt;/obol.db</c> under the backup folder, or <c>backup_&lt;Unix ms&gt;.zip</c>
/// holding it. DataDB and StorDB are one file here, so either backs up both.
/// </summary>
public sealed class SqliteMaintenance
{
    public const string BackupPrefix = "backup_";

    /// <summary>The file a restore leaves in the data directory; the next start puts it in place of the store.</summary>
    public const string StagedRestoreName = SqliteStore.FileName + ".restore";

    private readonly SqliteStore _store;
    private readonly TimeProvider _time;

    internal SqliteMaintenance(SqliteStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>A consistent copy of the store as it is now, taken beside the running writer (SQLite's online backup
    /// under one read transaction); returns the folder or zip it made.</summary>
    public async Task<string> BackupAsync(string backupFolder, bool zip, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(backupFolder))
        {
            throw new ArgumentException("empty BackupPath", nameof(backupFolder));
        }
        var name = BackupPrefix + _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var folder = Path.Combine(backupFolder, name);
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, SqliteStore.FileName);
        var source = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
            destination.Open();
            source.BackupDatabase(destination);
        }
        if (!zip)
        {
            return folder;
        }
        var archive = folder + ".zip";
        ZipFile.CreateFromDirectory(folder, archive, CompressionLevel.Fastest, includeBaseDirectory: false);
        Directory.Delete(folder, recursive: true);
        return archive;
    }

    /// <summary>Copies the WAL's committed pages into the database file, as far as readers allow (CGRateS's dump of
    /// its in-memory DB to its files; here every write is on disk already).</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Rebuilds the file without its free pages (VACUUM), on the writer between two batches: writes wait
    /// for it, readers go on.</summary>
    public Task CompactAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(new WriteOperation(null, batch =>
        {
            batch.Run("VACUUM");
            return true;
        })
        { OutsideTransaction = true }, cancellationToken);

    /// <summary>
    /// Checks the backup <paramref name="path"/> names (a <c>backup_…</c> folder or zip, or a folder holding them, of
    /// which the latest is taken) and leaves its database in <paramref name="dataDir"/> for the next start, which puts
    /// it in place of the store: the running engine keeps accounts, plans and sessions in memory, so a restore takes
    /// effect with a restart. Returns the backup used.
    /// </summary>
    /// <exception cref="InvalidDataException">No backup there, or not a readable Obol database.</exception>
    public static string StageRestore(string dataDir, string path)
    {
        var backup = Latest(path);
        Directory.CreateDirectory(dataDir);
        var staged = Path.Combine(dataDir, StagedRestoreName);
        var partial = staged + ".partial";
        if (backup.EndsWith(".zip", StringComparison.Ordinal))
        {
            using var zip = ZipFile.OpenRead(backup);
            var entry = zip.GetEntry(SqliteStore.FileName) ?? throw new InvalidDataException($"{backup}: no {SqliteStore.FileName} inside");
            entry.ExtractToFile(partial, overwrite: true);
        }
        else
        {
            var file = Path.Combine(backup, SqliteStore.FileName);
            if (!File.Exists(file))
            {
                throw new InvalidDataException($"{backup}: no {SqliteStore.FileName} inside");
            }
            File.Copy(file, partial, overwrite: true);
        }
        try
        {
            Check(partial, backup);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        File.Move(partial, staged, overwrite: true);
        return backup;
    }

    /// <summary>At start-up, before the store opens: a staged restore replaces the store, whose files are kept beside
    /// it as <c>obol.db.before-restore-&lt;Unix ms&gt;</c>. Returns the kept copy, or null when nothing was staged.</summary>
    public static string? ApplyStagedRestore(string dataDir, TimeProvider time)
    {
        var staged = Path.Combine(dataDir, StagedRestoreName);
        if (!File.Exists(staged))
        {
            return null;
        }
        var database = Path.Combine(dataDir, SqliteStore.FileName);
        var kept = database + ".before-restore-" + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        if (File.Exists(database))
        {
            File.Move(database, kept);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                if (File.Exists(database + suffix))
                {
                    File.Move(database + suffix, kept + suffix);
                }
            }
        }
        File.Move(staged, database);
        return kept;
    }

    private static string Latest(string path)
    {
        if (Path.GetFileName(Path.TrimEndingDirectorySeparator(path)).StartsWith(BackupPrefix, StringComparison.Ordinal))
        {
            return Directory.Exists(path) || File.Exists(path) ? path : throw new InvalidDataException($"{path}: no such backup");
        }
        if (!Directory.Exists(path))
        {
            throw new InvalidDataException($"failed to read backup directory: {path}: no such directory");
        }
        string? latest = null;
        long latestMs = -1;
        foreach (var entry in Directory.EnumerateFileSystemEntries(path))
        {
            var name = Path.GetFileName(entry);
            if (!name.StartsWith(BackupPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var stamp = name[BackupPrefix.Length..];
            var isZip = stamp.EndsWith(".zip", StringComparison.Ordinal);
            if (isZip)
            {
                stamp = stamp[..^4];
            }
            else if (!Directory.Exists(entry))
            {
                continue;
            }
            if (long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > latestMs)
            {
                (latest, latestMs) = (entry, ms);
            }
        }
        return latest ?? throw new InvalidDataException($"{path}: no backup_<unix ms> folder or zip in it");
    }

    private static void Check(string file, string backup)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check";
            if (command.ExecuteScalar() is not "ok")
            {
                throw new InvalidDataException($"{backup}: the database fails SQLite's integrity check");
            }
            StoreSchema.CheckReadable(connection, backup);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{backup}: not a readable Obol database ({e.Message})", e);
        }
    }
}
