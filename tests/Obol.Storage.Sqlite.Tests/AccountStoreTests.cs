using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Xunit;

namespace Obol.Storage.Sqlite.Tests;

public class AccountStoreTests
{
    private static Account NewAccount(string tenant, string id, decimal money)
    {
        var account = new Account(tenant, id);
        var balance = new Balance { Uuid = id + "-m", ID = "*default", ExpirationDate = Instant.FromUtc(2030, 1, 1, 0, 0), Weight = 10 };
        balance.LoadValue(money);
        account.BalancesOf(BalanceTypes.Monetary).Add(balance);
        account.ActionTriggers.Add(new ActionTrigger { ID = "T", UniqueID = "u", ThresholdType = "*min_balance", ThresholdValue = 2, ActionsId = "LOG" });
        return account;
    }

    [Fact]
    public async Task GetAsync_SavedAccount_ReturnsPrivateCopy()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        var saved = NewAccount("cgrates.org", "1001", 10);
        await store.Accounts.SaveAsync(saved);

        var first = await store.Accounts.GetAsync("cgrates.org:1001");
        first!.BalanceMap[BalanceTypes.Monetary][0].LoadValue(0);
        var second = await store.Accounts.GetAsync("cgrates.org:1001");

        Assert.NotSame(saved, first);
        Assert.Equal(10m, second!.BalanceMap[BalanceTypes.Monetary][0].Value);
    }

    [Fact]
    public async Task SaveAsync_NonAsciiIds_ReadBackAfterReopen()
    {
        using var dir = new TempDirectory();
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            var account = NewAccount("cgrates.org", "J\u00fcrgen \u260e", 10);
            account.BalanceMap[BalanceTypes.Monetary][0].ID = "cr\u00e9dit \uD83D\uDE00";
            await store.Accounts.SaveAsync(account);
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        var read = await reopened.Accounts.GetAsync("cgrates.org:J\u00fcrgen \u260e");

        Assert.Equal("cr\u00e9dit \uD83D\uDE00", read!.BalanceMap[BalanceTypes.Monetary][0].ID);
        Assert.Equal(10m, read.BalanceMap[BalanceTypes.Monetary][0].Value);
    }

    [Fact]
    public async Task RemoveAsync_SavedThenMissing_ReportsWhetherItExisted()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.Accounts.SaveAsync(NewAccount("t", "a", 1));

        Assert.True(await store.Accounts.RemoveAsync("t:a"));
        Assert.False(await store.Accounts.RemoveAsync("t:a"));
        Assert.Null(await store.Accounts.GetAsync("t:a"));
    }

    [Fact]
    public async Task ListAsync_ByTenant_ReturnsSortedIdsOfThatTenant()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.Accounts.SaveAsync(NewAccount("t1", "b", 1));
        await store.Accounts.SaveAsync(NewAccount("t1", "a", 1));
        await store.Accounts.SaveAsync(NewAccount("t2", "c", 1));

        Assert.Equal(["t1:a", "t1:b"], await store.Accounts.ListAsync("t1"));
        Assert.Equal(["t1:a", "t1:b", "t2:c"], await store.Accounts.ListAsync(null));
    }

    [Fact]
    public async Task OpenAsync_AfterDispose_FindsEveryAccountAsSaved()
    {
        using var dir = new TempDirectory();
        var saved = NewAccount("cgrates.org", "sip:1001", -2.5m);
        saved.Disabled = true;
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            await store.Accounts.SaveAsync(saved);
            await store.Accounts.SaveAsync(NewAccount("cgrates.org", "gone", 1));
            await store.Accounts.RemoveAsync("cgrates.org:gone");
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);

        var read = await reopened.Accounts.GetAsync("cgrates.org:sip:1001");
        Assert.Equal("sip:1001", read!.AccountId);
        Assert.Equal(AccountJson.Write(saved), AccountJson.Write(read));
        Assert.Equal(["cgrates.org:sip:1001"], await reopened.Accounts.ListAsync(null));
    }

    [Fact]
    public async Task SaveAsync_32ConcurrentSavers_AllDurableAndBatched()
    {
        using var dir = new TempDirectory();
        const int savers = 32, savesEach = 50;
        long commits;
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            await Task.WhenAll(Enumerable.Range(0, savers).Select(s => Task.Run(async () =>
            {
                for (var i = 1; i <= savesEach; i++)
                {
                    await store.Accounts.SaveAsync(NewAccount("t", "acc" + s, i));
                }
            })));
            commits = store.CommitCount;
            Assert.Equal(savers * savesEach, store.OperationCount);
        }

        Assert.True(commits < savers * savesEach, $"{commits} commits for {savers * savesEach} saves");
        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        for (var s = 0; s < savers; s++)
        {
            var account = await reopened.Accounts.GetAsync("t:acc" + s);
            Assert.Equal(savesEach, account!.BalanceMap[BalanceTypes.Monetary][0].Value);
        }
    }

    [Fact]
    public async Task SaveAsync_ManyUnawaitedSavesOfOneAccount_LastQueuedWins()
    {
        using var dir = new TempDirectory();
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            var saves = Enumerable.Range(1, 200).Select(i => store.Accounts.SaveAsync(NewAccount("t", "a", i)).AsTask()).ToArray();
            await Task.WhenAll(saves);

            Assert.True(store.CommitCount < 200);
            Assert.Equal(200m, (await store.Accounts.GetAsync("t:a"))!.BalanceMap[BalanceTypes.Monetary][0].Value);
        }
        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        Assert.Equal(200m, (await reopened.Accounts.GetAsync("t:a"))!.BalanceMap[BalanceTypes.Monetary][0].Value);
    }

    [Fact]
    public async Task SaveAsync_SaveAndRemoveQueuedTogether_EndStateFollowsQueueOrder()
    {
        using var dir = new TempDirectory();
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            var save = store.Accounts.SaveAsync(NewAccount("t", "a", 1)).AsTask();
            var remove = store.Accounts.RemoveAsync("t:a").AsTask();
            var saveAgain = store.Accounts.SaveAsync(NewAccount("t", "b", 1)).AsTask();
            await Task.WhenAll(save, remove, saveAgain);

            Assert.True(await remove);
        }
        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        Assert.Equal(["t:b"], await reopened.Accounts.ListAsync(null));
    }

    [Fact]
    public async Task SaveAsync_Acknowledged_VisibleToAnotherStoreOnTheFileWithoutDispose()
    {
        // Stands in for a SIGKILL: the first store is never disposed or flushed before the second one reads the file.
        using var dir = new TempDirectory();
        var first = await SqliteStore.OpenAsync(dir.Path);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store(first, i)));
            await first.Schedules.SaveAsync("timing-1", Instant.FromUtc(2025, 1, 1, 0, 0));

            await using var second = await SqliteStore.OpenAsync(dir.Path);

            Assert.Equal(20, second.Accounts.Count);
            Assert.Single(await second.Schedules.LoadAsync());
        }
        finally
        {
            await first.DisposeAsync();
        }

        static Task store(SqliteStore s, int i) => s.Accounts.SaveAsync(NewAccount("t", "k" + i, i)).AsTask();
    }

    [Fact]
    public async Task SaveAsync_AfterDispose_ThrowsObjectDisposed()
    {
        using var dir = new TempDirectory();
        var store = await SqliteStore.OpenAsync(dir.Path);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Accounts.SaveAsync(NewAccount("t", "a", 1)).AsTask());
    }
}
