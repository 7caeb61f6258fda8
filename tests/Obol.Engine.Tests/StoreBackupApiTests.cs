using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1's internal-DB calls on the embedded store: a backup taken while the engine runs, restored at the
/// next start; the dump and rewrite calls leave the store working.</summary>
public sealed class StoreBackupApiTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"obol-backupapi-{Guid.NewGuid():N}");

    private string DataDir => Path.Combine(_root, "data");

    private string Backups => Path.Combine(_root, "backups");

    private string[] EngineArgs =>
    [
        "-data_dir", DataDir, "-logger", "*stdout", "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
        "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"),
    ];

    [Fact]
    public async Task BackupDataDB_ThenRestoreDataDB_NextStartHasTheAccountsAsBackedUp()
    {
        using (var engine = ObolProcess.Start("obol-engine", EngineArgs))
        {
            await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
            await SetBalanceAsync(client, 42);
            Assert.Equal("OK", await CallAsync(client, "APIerSv1.BackupDataDB", $$"""{"BackupFolderPath":{{JsonSerializer.Serialize(Backups)}},"Zip":false}"""));
            await SetBalanceAsync(client, 7);
            Assert.Equal("OK", await CallAsync(client, "APIerSv1.DumpDataDB", "\"\""));
            Assert.Equal("OK", await CallAsync(client, "APIerSv1.RewriteStorDB", "\"\""));
            Assert.Equal(7m, await MonetaryAsync(client));

            Assert.Equal("OK", await CallAsync(client, "APIerSv1.RestoreDataDB", JsonSerializer.Serialize(Backups)));

            // Staged, not applied: the running engine keeps its accounts.
            Assert.Equal(7m, await MonetaryAsync(client));
            await engine.WaitForOutputAsync("<Engine> started");
            engine.Signal("TERM");
            Assert.Equal(0, await engine.WaitForExitAsync());
        }

        var backup = Assert.Single(Directory.GetDirectories(Backups));
        Assert.Matches("^backup_[0-9]+$", Path.GetFileName(backup));
        using var restarted = ObolProcess.Start("obol-engine", EngineArgs);
        await using var again = await JsonRpcClient.ConnectAsync(await restarted.ListeningAsync());

        Assert.Equal(42m, await MonetaryAsync(again));
        await restarted.WaitForOutputAsync("restored from the staged backup");
    }

    [Fact]
    public async Task RestoreDataDB_FolderWithoutBackups_ErrorNamesTheFolderAndNothingChanges()
    {
        Directory.CreateDirectory(Backups);
        using var engine = ObolProcess.Start("obol-engine", EngineArgs);
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());

        var reply = await client.CallRawAsync("APIerSv1.RestoreStorDB", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Backups)));

        Assert.Equal($"{Backups}: no backup_<unix ms> folder or zip in it", reply.Error);
        Assert.False(File.Exists(Path.Combine(DataDir, "obol.db.restore")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task SetBalanceAsync(JsonRpcClient client, decimal value) =>
        Assert.Equal("OK", await CallAsync(client, "APIerSv1.SetBalance", $$$"""
            {"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":{{{value}}},"Balance":{"ID":"test"}}
            """));

    private static async Task<decimal> MonetaryAsync(JsonRpcClient client)
    {
        var reply = await CallJsonAsync(client, "APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        return reply.GetProperty("BalanceMap").GetProperty("*monetary").EnumerateArray().Sum(b => b.GetProperty("Value").GetDecimal());
    }

    private static async Task<string?> CallAsync(JsonRpcClient client, string method, string args) =>
        (await CallJsonAsync(client, method, args)).GetString();

    private static async Task<JsonElement> CallJsonAsync(JsonRpcClient client, string method, string args)
    {
        var reply = await client.CallRawAsync(method, Encoding.UTF8.GetBytes(args));
        Assert.True(reply.Error is null, $"{method}: {reply.Error}");
        using var document = JsonDocument.Parse(reply.Result);
        return document.RootElement.Clone();
    }
}
