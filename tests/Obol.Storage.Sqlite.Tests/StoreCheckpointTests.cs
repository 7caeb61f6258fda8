using Xunit;

namespace Obol.Storage.Sqlite.Tests;

public class StoreCheckpointTests
{
    private static readonly string s_document = "\"" + new string('x', 8000) + "\"";

    [Fact]
    public async Task PutAsync_PastCheckpointPages_WalCopiedBesideTheWriterAndStartedOver()
    {
        using var dir = new TempDirectory();
        var written = 0;
        await using (var store = await SqliteStore.OpenAsync(dir.Path, new SqliteStoreOptions { CheckpointPages = 100 }))
        {
            long WalBytes() => new FileInfo(store.DatabasePath + "-wal").Length;
            // The copy runs on its own thread, so keep writing until the writer has finished a few of them, and until the
            // documents outgrow the WAL's high-water mark, which a busy machine raises by delaying the copies. A WAL that
            // never started over holds every frame and never falls behind the documents: the loop then ends at its cap.
            while ((store.CompletedCheckpoints < 3 || written < 4_000 || WalBytes() >= written * 8000L) && written < 20_000)
            {
                await store.Documents.PutAsync("big", "k" + written++, s_document);
            }

            Assert.True(store.CompletedCheckpoints >= 3, $"{store.CompletedCheckpoints} checkpoints after {written} documents");
            Assert.True(store.BackgroundCheckpoints >= store.CompletedCheckpoints);
            // Started over: the WAL file is reused from its beginning. Never started over, it would hold every frame, more
            // than the documents' own bytes; its high-water mark grows while a busy machine delays the copies (17-19 MB
            // for 4,000 documents with three busy loops beside the test, against 32 MB of documents).
            var walBytes = WalBytes();
            Assert.True(walBytes < (long)written * 8000, $"WAL {walBytes} bytes after {written} documents of 8 KB");
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        Assert.Equal(written, (await reopened.Documents.ListAsync("big")).Count);
        Assert.Equal(s_document, await reopened.Documents.GetAsync("big", "k" + (written - 1)));
    }

    [Fact]
    public async Task PutAsync_UnderCheckpointPages_WalHoldsEverything()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path, new SqliteStoreOptions { CheckpointPages = 10_000 });
        for (var i = 0; i < 300; i++)
        {
            await store.Documents.PutAsync("big", "k" + i, s_document);
        }

        // 300 documents of 8 KB are about 600 pages, under 10,000: nothing is copied yet.
        Assert.Equal(0, store.BackgroundCheckpoints);
        Assert.True(new FileInfo(store.DatabasePath + "-wal").Length > 300 * 8000);
    }
}
