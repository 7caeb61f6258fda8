using System.Text;
using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1's internal-DB calls on the embedded store: a backup taken while the engine runs, restored at the
/// next start; the dump and rewrite calls leave the store working.</summary>
public sealed class StoreBackupApiTests : IDisposable
{
    private readonly string _backups = Path.Combine(Path.GetTempPath(), $"obol-backupapi-{Guid.NewGuid():N}");

    [Fact]
    public async Task BackupDataDB_ThenRestoreDataDB_NextStartHasTheAccountsAsBackedUp()
    {
        await using var engine = await SessionEngine.StartAsync();
        await SetBalanceAsync(engine, 42);
        Assert.Equal("OK", (await engine.CallAsync("APIerSv1.BackupDataDB",
            $$"""{"BackupFolderPath":{{JsonSerializer.Serialize(_backups)}},"Zip":false}""")).GetString());
        await SetBalanceAsync(engine, 7);
        Assert.Equal("OK", (await engine.CallAsync("APIerSv1.DumpDataDB", "\"\"")).GetString());
        Assert.Equal("OK", (await engine.CallAsync("APIerSv1.RewriteStorDB", "\"\"")).GetString());
        Assert.Equal(7m, await engine.MonetaryAsync("1001"));

        Assert.Equal("OK", (await engine.CallAsync("APIerSv1.RestoreDataDB", JsonSerializer.Serialize(_backups))).GetString());

        // Staged, not applied: the running engine keeps its accounts.
        Assert.Equal(7m, await engine.MonetaryAsync("1001"));
        await engine.Process.WaitForOutputAsync("<Engine> started");
        Assert.Equal(0, await engine.StopAndRestartAsync("TERM"));
        var backup = Assert.Single(Directory.GetDirectories(_backups));
        Assert.Matches("^backup_[0-9]+$", Path.GetFileName(backup));
        Assert.Equal(42m, await engine.MonetaryAsync("1001"));
        await engine.Process.WaitForOutputAsync("restored from the staged backup");
    }

    [Fact]
    public async Task RestoreDataDB_FolderWithoutBackups_ErrorNamesTheFolderAndNothingChanges()
    {
        Directory.CreateDirectory(_backups);
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Api.CallRawAsync("APIerSv1.RestoreStorDB", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(_backups)));

        Assert.Equal($"{_backups}: no backup_<unix ms> folder or zip in it", reply.Error);
        Assert.False(File.Exists(Path.Combine(engine.DataDir, "obol.db.restore")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_backups))
        {
            Directory.Delete(_backups, recursive: true);
        }
    }

    private static async Task SetBalanceAsync(SessionEngine engine, decimal value) =>
        Assert.Equal("OK", (await engine.CallAsync("APIerSv1.SetBalance", $$$"""
            {"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":{{{value}}},"Balance":{"ID":"test"}}
            """)).GetString());
}
