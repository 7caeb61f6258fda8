using Xunit;

namespace Obol.Storage.Sqlite.Tests;

public class StoreCheckpointTests
{
    [Theory]
    [InlineData(100, false)]
    [InlineData(10_000, true)]
    public async Task PutAsync_ManyPages_WalCheckpointedAtCheckpointPages(int checkpointPages, bool walHoldsEverything)
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path, new SqliteStoreOptions { CheckpointPages = checkpointPages });
        var document = "\"" + new string('x', 8000) + "\"";
        for (var i = 0; i < 300; i++)
        {
            await store.Documents.PutAsync("big", "k" + i, document);
        }

        // 300 documents of 8 KB are about 600 pages: past 100 the WAL starts over, under 10,000 it keeps them all.
        var walBytes = new FileInfo(store.DatabasePath + "-wal").Length;
        Assert.Equal(walHoldsEverything, walBytes > 300 * 8000);
    }
}
