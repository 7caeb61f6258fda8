using NodaTime;
using Obol.Accounting.Scheduling;
using Xunit;

namespace Obol.Storage.Sqlite.Tests;

public class ScheduleStoreTests
{
    private static readonly Instant s_t = Instant.FromUtc(2024, 5, 1, 8, 0) + Duration.FromNanoseconds(1);

    [Fact]
    public async Task LoadAsync_AfterSavesAndReopen_ReturnsLatestEntriesAndConsumed()
    {
        using var dir = new TempDirectory();
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            await store.Schedules.SaveAsync(new Dictionary<string, Instant> { ["a"] = s_t, ["b"] = s_t, ["c"] = s_t });
            await store.Schedules.SaveAsync("a", s_t + Duration.FromDays(1));
            await store.Schedules.SaveAsync(ScheduleStore.AccountKey("b", "t:1001"), ScheduleStore.Consumed);
            await store.Schedules.RemoveAsync(["c", "missing"]);
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        var entries = await reopened.Schedules.LoadAsync();

        Assert.Equal(3, entries.Count);
        Assert.Equal(s_t + Duration.FromDays(1), entries["a"]);
        Assert.Equal(s_t, entries["b"]);
        Assert.Equal(ScheduleStore.Consumed, entries["b/t:1001"]);
    }

    [Fact]
    public async Task LoadAsync_NothingSaved_IsEmpty()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);

        Assert.Empty(await store.Schedules.LoadAsync());
    }

    [Fact]
    public async Task SaveAsync_EmptyEntries_CommitsNothing()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);

        await store.Schedules.SaveAsync(new Dictionary<string, Instant>());
        await store.Schedules.RemoveAsync([]);

        Assert.Equal(0, store.CommitCount);
    }
}
