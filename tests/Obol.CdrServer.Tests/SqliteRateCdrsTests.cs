using Microsoft.Data.Sqlite;
using Obol.Cdrs;
using Obol.Storage.Sqlite;
using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>Re-rating against the engine's embedded store: accounts and CDRs in SQLite.</summary>
public sealed class SqliteRateCdrsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "obol-cdrserver-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task RateCdrs_SqliteStores_UpdatesInPlaceKeepingOrderId()
    {
        var sqlite = await SqliteStore.OpenAsync(_dir);
        await using var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m), sqlite.Cdrs, sqlite.Accounts, sqlite);
        await cdrs.SetMonetaryAsync("1001", 10);
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*prepaid", "call0", "2021-02-02T16:10:00Z", "1m"));
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*prepaid", "call1", "2021-02-02T16:15:00Z", "2m"));
        var before = await cdrs.SingleCdrAsync("call1");
        await cdrs.LoadPlanAsync(TestPlans.PerMinute(0.5m));

        await cdrs.ResultAsync("CDRsV1.RateCDRs", """{"Flags":["*rerate"],"OriginIDs":["call1"]}""");
        await cdrs.ResultAsync("CDRsV1.RateCDRs", """{"Flags":["*rerate"],"OriginIDs":["call1"]}""");

        var after = await cdrs.SingleCdrAsync("call1");
        Assert.Equal(before.OrderId, after.OrderId);
        Assert.Equal(1.0m, after.Cost);
        Assert.Equal(0.2m, (await cdrs.SingleCdrAsync("call0")).Cost);
        Assert.Equal(2, await cdrs.Store.CountAsync(CdrQuery.All));
        Assert.Equal(10m - 0.2m - 1.0m, await cdrs.BalanceAsync("1001"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
