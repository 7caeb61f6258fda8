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
    public async Task OpenAsync_Version2Documents_CopiedIntoTheRowidTableAndStillWritable()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Path);
        await using (var connection = new SqliteConnection($"Data Source={dir.DatabasePath};Pooling=false"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            using var command = connection.CreateCommand();
            // The version-2 layout of the table, as databases written before version 3 hold it.
            command.CommandText = """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO meta VALUES ('schema_version', '2');
                CREATE TABLE documents (collection TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL,
                    PRIMARY KEY (collection, key)) WITHOUT ROWID;
                INSERT INTO documents VALUES ('sessions', 'b', '{"n":2}'), ('sessions', 'a', '{"n":1}'), ('session_costs', 'a/*default', '{"Cost":1}');
                """;
            command.ExecuteNonQuery();
        }

        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            var sessions = await store.Documents.ListAsync("sessions", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(["a", "b"], sessions.Select(d => d.Key));
            Assert.Equal("{\"Cost\":1}", await store.Documents.GetAsync("session_costs", "a/*default", TestContext.Current.CancellationToken));
            await store.Documents.PutAsync("sessions", "a", "{\"n\":3}", TestContext.Current.CancellationToken);
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        Assert.Equal("{\"n\":3}", await reopened.Documents.GetAsync("sessions", "a", TestContext.Current.CancellationToken));
        await using var check = new SqliteConnection($"Data Source={dir.DatabasePath};Pooling=false");
        await check.OpenAsync(TestContext.Current.CancellationToken);
        using var schema = check.CreateCommand();
        schema.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'documents'";
        Assert.DoesNotContain("WITHOUT ROWID", (string)schema.ExecuteScalar()!, StringComparison.Ordinal);
        schema.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        Assert.Equal("3", schema.ExecuteScalar());
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
