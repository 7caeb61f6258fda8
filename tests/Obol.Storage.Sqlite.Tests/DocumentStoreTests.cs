using Microsoft.Data.Sqlite;
using Xunit;

namespace Obol.Storage.Sqlite.Tests;

public class DocumentStoreTests
{
    [Fact]
    public async Task PutGetDelete_AcrossReopen_RoundTrip()
    {
        using var dir = new TempDirectory();
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            await store.Documents.PutAsync("profiles", "cgrates.org:P1", """{"v":1}""");
            await store.Documents.PutAsync("profiles", "cgrates.org:P1", """{"v":2}""");
            await store.Documents.PutAsync("profiles", "cgrates.org:P2", "{}");
            Assert.True(await store.Documents.DeleteAsync("profiles", "cgrates.org:P2"));
            Assert.False(await store.Documents.DeleteAsync("profiles", "cgrates.org:P2"));
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);

        Assert.Equal("""{"v":2}""", await reopened.Documents.GetAsync("profiles", "cgrates.org:P1"));
        Assert.Null(await reopened.Documents.GetAsync("profiles", "cgrates.org:P2"));
        Assert.Null(await reopened.Documents.GetAsync("other", "cgrates.org:P1"));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsMatchingKeysOfTheCollectionInOrder()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        foreach (var key in new[] { "b:2", "a:1", "b:1", "b", "b:\uD83D\uDE00", "c:1" })
        {
            await store.Documents.PutAsync("cdrs", key, "\"" + key + "\"");
        }
        await store.Documents.PutAsync("other", "b:9", "{}");

        var listed = await store.Documents.ListAsync("cdrs", "b:");

        Assert.Equal(["b:1", "b:2", "b:\uD83D\uDE00"], listed.Select(kv => kv.Key));
        Assert.Equal("\"b:1\"", listed[0].Value);
        Assert.Equal(6, (await store.Documents.ListAsync("cdrs")).Count);
    }

    [Fact]
    public async Task PutAsync_CommitFails_FaultsTheWholeBatchAndTheStoreGoesOn()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);

        await Assert.ThrowsAsync<SqliteException>(() => store.Documents.PutAsync("c", "k", null!).AsTask());
        await store.Documents.PutAsync("c", "k", "{}");

        Assert.Equal("{}", await store.Documents.GetAsync("c", "k"));
    }
}
