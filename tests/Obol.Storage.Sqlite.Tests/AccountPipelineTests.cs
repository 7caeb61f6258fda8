using Microsoft.Data.Sqlite;
using NodaTime;
using Obol.Accounting;
using Xunit;

namespace Obol.Storage.Sqlite.Tests;

/// <summary>An account's next change starts from a state still on its way to the disk; a failed write takes every
/// state derived from it down with it.</summary>
public class AccountPipelineTests
{
    private static Account NewAccount(decimal money, string balanceId = "*default")
    {
        var account = new Account("t", "a");
        var balance = new Balance { Uuid = "u-" + balanceId, ID = balanceId, ExpirationDate = Instant.FromUtc(2030, 1, 1, 0, 0), Weight = 10 };
        balance.LoadValue(money);
        account.BalancesOf(BalanceTypes.Monetary).Add(balance);
        return account;
    }

    private static decimal Money(Account? account) => account!.BalanceMap[BalanceTypes.Monetary].Sum(b => b.Value);

    [Fact]
    public async Task GetLatestAsync_SavedNotYetAwaited_SeesAcceptedStateWhileReadersSeeTheDisk()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.Accounts.SaveAsync(NewAccount(10));

        var latest = await store.Accounts.GetLatestAsync("t:a");
        latest!.BalanceMap[BalanceTypes.Monetary][0].LoadValue(7);
        var pending = store.Accounts.SaveAsync(latest);
        var next = await store.Accounts.GetLatestAsync("t:a");
        await pending;

        Assert.Equal(7m, Money(next));
        Assert.Equal(7m, Money(await store.Accounts.GetAsync("t:a")));
    }

    [Fact]
    public async Task SaveAsync_EarlierWriteFails_LaterDerivedWriteFailsAndNextStartsFromDisk()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.Accounts.SaveAsync(NewAccount(10));
        await RefuseBalanceAsync(store.DatabasePath, "boom");

        // Another connection holds the write lock, so the failing write's batch waits while the derived one is queued
        // behind it: the two land in different batches.
        await using var blocker = new SqliteConnection($"Data Source={store.DatabasePath}");
        await blocker.OpenAsync();
        await using var hold = blocker.BeginTransaction(deferred: false);
        var first = await store.Accounts.GetLatestAsync("t:a");
        var bad = new Balance { Uuid = "u-boom", ID = "boom", Weight = 1 };
        bad.LoadValue(5);
        first!.BalancesOf(BalanceTypes.Monetary).Add(bad);
        var failing = store.Accounts.SaveAsync(first).AsTask();
        await Task.Delay(300);
        var second = await store.Accounts.GetLatestAsync("t:a");
        // Derived from the failing state: the refused balance's 5 moved into the default one, then 9 spent.
        var monetary = second!.BalanceMap[BalanceTypes.Monetary];
        var moved = monetary.Single(b => b.ID == "boom");
        monetary.Remove(moved);
        monetary[0].LoadValue(monetary[0].Value + moved.Value - 9);
        var derived = store.Accounts.SaveAsync(second).AsTask();
        await hold.RollbackAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => failing);
        await Assert.ThrowsAnyAsync<Exception>(() => derived);
        var third = await store.Accounts.GetLatestAsync("t:a");
        Assert.Equal(10m, Money(third));
        third!.BalanceMap[BalanceTypes.Monetary][0].LoadValue(9);
        await store.Accounts.SaveAsync(third);
        Assert.Equal(9m, Money(await store.Accounts.GetAsync("t:a")));
    }

    [Fact]
    public async Task SaveAsync_ManyConcurrentChangesReleasingTheLockBeforeTheDisk_EveryChangeKeptOnce()
    {
        using var dir = new TempDirectory();
        var locks = new InProcessAccountLocks();
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            await store.Accounts.SaveAsync(NewAccount(1000));
            await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Task.Run(async () =>
            {
                // AccountService's pattern: change under the lock, accept the save there, hear of the disk after.
                ValueTask saved;
                await using (await locks.AcquireAsync("t:a"))
                {
                    var account = await store.Accounts.GetLatestAsync("t:a");
                    var balance = account!.BalanceMap[BalanceTypes.Monetary][0];
                    balance.LoadValue(balance.Value - 0.25m);
                    saved = store.Accounts.SaveAsync(account);
                }
                await saved;
            })));
            Assert.True(store.CommitCount < 400, $"{store.CommitCount} commits: the writes were not batched");
        }
        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        Assert.Equal(900m, Money(await reopened.Accounts.GetAsync("t:a")));
    }

    /// <summary>Makes the database refuse any account row holding a balance with that ID, as a full disk would.</summary>
    private static async Task RefuseBalanceAsync(string databasePath, string balanceId)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        foreach (var when in new[] { "INSERT", "UPDATE" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE TRIGGER refuse_{when} BEFORE {when} ON accounts WHEN NEW.json LIKE '%\"ID\":\"{balanceId}\"%' "
                + "BEGIN SELECT RAISE(ABORT, 'refused'); END";
            await command.ExecuteNonQueryAsync();
        }
    }
}
