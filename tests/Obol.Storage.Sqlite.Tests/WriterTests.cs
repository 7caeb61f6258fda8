using Xunit;

namespace Obol.Storage.Sqlite.Tests;

/// <summary>The single writer's thread outlives whatever one operation does.</summary>
public class WriterTests
{
    [Fact]
    public async Task WriteAsync_CommittedCallbackThrows_ItsWaiterFailsAndLaterWritesCommit()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        var ct = TestContext.Current.CancellationToken;

        var failing = store.WriteAsync(new WriteOperation(null, batch => batch.Run("INSERT INTO meta (key, value) VALUES ($p0, $p1)", "k1", "v") > 0,
            _ => throw new InvalidOperationException("callback")), ct);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await store.Documents.PutAsync("c", "k2", "{}", ct);

        Assert.Equal("callback", error.Message);
        Assert.Equal("{}", await store.Documents.GetAsync("c", "k2", ct));
    }
}
