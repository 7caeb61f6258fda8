using Obol.TariffPlans;
using Xunit;

namespace Obol.Storage.Sqlite.Tests;

public class TariffPlanStoreTests
{
    private static TariffPlanFile[] Plan(string tag, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TariffPlanFile($"{tag}{i}.csv", $"#{tag}\n{tag},{i}\n"))];

    [Fact]
    public async Task LoadAsync_AfterReplaceAndReopen_ReturnsOnlyTheNewFiles()
    {
        using var dir = new TempDirectory();
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            await store.TariffPlans.SaveAsync(Plan("old", 3), "/plans/old");
            await store.TariffPlans.SaveAsync([new("Rates.csv", "RT_1,0,0.1,60s,60s,0s\n"), new("Destinations.csv", "DST,+49\n")], "/plans/new");
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        var files = await reopened.TariffPlans.LoadAsync();

        Assert.Equal(["Destinations.csv", "Rates.csv"], files.Select(f => f.Name));
        Assert.Equal("RT_1,0,0.1,60s,60s,0s\n", files[1].Text);
        Assert.StartsWith("DST,+49", files[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NeverSaved_IsEmpty()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);

        Assert.Empty(await store.TariffPlans.LoadAsync());
    }

    [Fact]
    public async Task SaveAsync_OtherTpId_LeavesDefaultPlanAlone()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.TariffPlans.SaveAsync(Plan("a", 2), "/a");

        await store.TariffPlans.SaveAsync(Plan("b", 1), "/b", "TEST_TP");

        Assert.Equal(2, (await store.TariffPlans.LoadAsync()).Count);
        Assert.Single(await store.TariffPlans.LoadAsync("TEST_TP"));
    }

    [Fact]
    public async Task SaveAsync_WhileReadersLoad_ReadersSeeOnePlanWhole()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.TariffPlans.SaveAsync(Plan("a", 5), "/a");
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await store.TariffPlans.SaveAsync(i % 2 == 0 ? Plan("b", 3) : Plan("a", 5), "/x");
            }
            await stop.CancelAsync();
        });
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            var files = await store.TariffPlans.LoadAsync();
            var tags = files.Select(f => f.Name[0]).Distinct().ToArray();
            Assert.Single(tags);
            Assert.Equal(tags[0] == 'a' ? 5 : 3, files.Count);
            reads++;
        }
        await writer;

        Assert.True(reads > 0);
    }

    [Fact]
    public async Task SaveAsync_DuplicateNames_ThrowsAndKeepsThePlan()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.TariffPlans.SaveAsync(Plan("a", 1), "/a");

        await Assert.ThrowsAsync<ArgumentException>(() => store.TariffPlans.SaveAsync([new("x.csv", ""), new("x.csv", "")], "/dup").AsTask());

        Assert.Equal("a0.csv", Assert.Single(await store.TariffPlans.LoadAsync()).Name);
    }

    [Fact]
    public async Task GetLoadHistoryAsync_SeveralLoads_NewestFirstWithCounts()
    {
        using var dir = new TempDirectory();
        var time = new SteppedTime { Now = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero) };
        await using var store = await SqliteStore.OpenAsync(dir.Path, new SqliteStoreOptions { TimeProvider = time });
        await store.TariffPlans.SaveAsync(Plan("a", 2), "/plans/a");
        time.Now += TimeSpan.FromMinutes(5);
        await store.TariffPlans.SaveAsync(Plan("b", 3), "/plans/b", "OTHER");

        var all = await store.TariffPlans.GetLoadHistoryAsync();
        var defaults = await store.TariffPlans.GetLoadHistoryAsync(SqliteTariffPlanStore.DefaultTpId);

        Assert.Equal(["/plans/b", "/plans/a"], all.Select(l => l.Source));
        Assert.Equal(3, all[0].FileCount);
        Assert.Equal(time.GetUtcNow(), all[0].LoadedAt);
        Assert.Equal(Plan("a", 2).Sum(f => f.Text.Length), Assert.Single(defaults).CharCount);
    }

    [Fact]
    public async Task SaveFolderAsync_CsvFolder_StoresEveryCsvByName()
    {
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "tp");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "Rates.csv"), "r", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "n", TestContext.Current.CancellationToken);
        await using var store = await SqliteStore.OpenAsync(Path.Combine(dir.Path, "db"));

        await store.TariffPlans.SaveFolderAsync(folder);

        Assert.Equal("Rates.csv", Assert.Single(await store.TariffPlans.LoadAsync()).Name);
        Assert.Equal(folder, Assert.Single(await store.TariffPlans.GetLoadHistoryAsync()).Source);
    }

    private sealed class SteppedTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
