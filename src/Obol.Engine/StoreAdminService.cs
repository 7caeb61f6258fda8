using Microsoft.Data.Sqlite;
using Obol.Api.JsonRpc;
using Obol.Config;
using Obol.Logging;
using Obol.Storage.Sqlite;

namespace Obol.Engine;

/// <summary>
/// APIerSv1's internal-DB upkeep on the embedded store. DataDB and StorDB are one SQLite file here, so each DataDB call
/// and its StorDB twin act on the same file; only their default backup folders differ
/// (<c>data_db|stor_db.opts.internalDBBackupPath</c>). Dump copies the WAL into the file, Rewrite compacts the file
/// (VACUUM), Backup copies it beside the running writer, Snapshot does both, and Restore leaves a checked backup for
/// the next start (CGRateS restores only an offline internal DB; the running engine keeps its state in memory).
/// </summary>
internal sealed class StoreAdminService(SqliteStore store, string dataDir, InternalDbOptions dataDb, InternalDbOptions storDb, EngineLog log)
{
    private const string Ok = "OK";

    public void Register(JsonRpcDispatcher dispatcher)
    {
        foreach (var (name, config) in new[] { ("DataDB", dataDb), ("StorDB", storDb) })
        {
            var defaultFolder = config.BackupPath;
            dispatcher.Add<object?, string>($"APIerSv1.Dump{name}", async (_, ct) =>
                await RunAsync(() => store.Maintenance.CheckpointAsync(ct)).ConfigureAwait(false));
            dispatcher.Add<object?, string>($"APIerSv1.Rewrite{name}", async (_, ct) =>
                await RunAsync(() => store.Maintenance.CompactAsync(ct)).ConfigureAwait(false));
            dispatcher.Add<BackupParams?, string>($"APIerSv1.Backup{name}", async (a, ct) =>
                await RunAsync(() => BackupAsync(a, defaultFolder, ct)).ConfigureAwait(false));
            dispatcher.Add<BackupParams?, string>($"APIerSv1.Snapshot{name}", async (a, ct) => await RunAsync(async () =>
            {
                await BackupAsync(a, defaultFolder, ct).ConfigureAwait(false);
                await store.Maintenance.CompactAsync(ct).ConfigureAwait(false);
            }).ConfigureAwait(false));
            dispatcher.Add<string?, string>($"APIerSv1.Restore{name}", (path, _) => ValueTask.FromResult(Restore(path, defaultFolder)));
        }
    }

    private async Task BackupAsync(BackupParams? args, string defaultFolder, CancellationToken ct)
    {
        var made = await store.Maintenance.BackupAsync(Folder(args?.BackupFolderPath, defaultFolder), args?.Zip ?? false, ct).ConfigureAwait(false);
        log.Info($"<DataDB> backup written to {made}");
    }

    private RpcResult<string> Restore(string? path, string defaultFolder)
    {
        try
        {
            var backup = SqliteMaintenance.StageRestore(dataDir, Folder(path, defaultFolder));
            log.Warning($"<DataDB> {backup} staged in {dataDir}: it replaces the store at the next start");
            return Ok;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return RpcResult.Fail<string>(e.Message);
        }
    }

    // An empty path takes the configured folder, resolved as the data directory is (/var/lib/obol or the XDG fallback).
    private static string Folder(string? given, string defaultFolder) =>
        !string.IsNullOrEmpty(given) ? given : string.IsNullOrEmpty(defaultFolder) ? "" : StoreDirectory.Resolve(defaultFolder);

    private static async Task<RpcResult<string>> RunAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException or ArgumentException or InvalidDataException)
        {
            // CGRateS answers these with the error's own text.
            return RpcResult.Fail<string>(e.Message);
        }
    }

    /// <summary>v1.BackupParams.</summary>
    internal sealed record BackupParams(string? BackupFolderPath, bool Zip);
}
