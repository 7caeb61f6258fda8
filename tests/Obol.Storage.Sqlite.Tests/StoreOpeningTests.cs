using Microsoft.Data.Sqlite;
using Xunit;

namespace Obol.Storage.Sqlite.Tests;

public class StoreOpeningTests
{
    [Fact]
    public async Task OpenAsync_MissingDirectory_CreatesDatabaseInWalMode()
    {
        using var dir = new TempDirectory();

        await using (var store = await SqliteStore.OpenAsync(Path.Combine(dir.Path, "nested")))
        {
            Assert.True(File.Exists(store.DatabasePath));
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.Path, "nested", SqliteStore.FileName)};Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task OpenAsync_NotADatabase_ThrowsInvalidDataWithPath()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Path);
        await File.WriteAllTextAsync(dir.DatabasePath, new string('x', 8192), TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteStore.OpenAsync(dir.Path));

        Assert.Contains(dir.DatabasePath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NewerSchema_ThrowsInvalidDataNamingTheVersions()
    {
        using var dir = new TempDirectory();
        await (await SqliteStore.OpenAsync(dir.Path)).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={dir.DatabasePath};Pooling=false"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '99' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteStore.OpenAsync(dir.Path));

        Assert.Contains("schema version 99 is newer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_UnreadableAccountRow_ThrowsInvalidDataNamingTheAccount()
    {
        using var dir = new TempDirectory();
        await (await SqliteStore.OpenAsync(dir.Path)).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={dir.DatabasePath};Pooling=false"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO accounts (id, tenant, json) VALUES ('t:a', 't', '{broken')";
            command.ExecuteNonQuery();
        }

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteStore.OpenAsync(dir.Path));

        Assert.Contains("account t:a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsHarmless()
    {
        using var dir = new TempDirectory();
        var store = await SqliteStore.OpenAsync(dir.Path);

        await store.DisposeAsync();
        await store.DisposeAsync();
    }
}
