using System.IO.Compression;
using Xunit;

namespace Obol.Storage.Sqlite.Tests;

public class MaintenanceTests
{
    [Fact]
    public async Task BackupAsync_WhileWritesGoOn_CopyHoldsEveryWriteAcknowledgedBeforeIt()
    {
        using var dir = new TempDirectory();
        using var backups = new TempDirectory();
        string made;
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            for (var i = 0; i < 200; i++)
            {
                await store.Documents.PutAsync("c", "k" + i, "{\"n\":" + i + "}");
            }
            var writer = Task.Run(async () =>
            {
                for (var i = 200; i < 400; i++)
                {
                    await store.Documents.PutAsync("c", "k" + i, "{}");
                }
            });
            made = await store.Maintenance.BackupAsync(backups.Path, zip: false);
            await writer;
        }

        Assert.StartsWith(SqliteMaintenance.BackupPrefix, Path.GetFileName(made));
        await using var copy = await SqliteStore.OpenAsync(made);
        var listed = await copy.Documents.ListAsync("c");
        Assert.InRange(listed.Count, 200, 400);
        Assert.Equal("{\"n\":199}", await copy.Documents.GetAsync("c", "k199"));
    }

    [Fact]
    public async Task BackupAsync_Zip_ArchiveNamedByUnixMillisecondsHoldsTheDatabase()
    {
        using var dir = new TempDirectory();
        using var backups = new TempDirectory();
        var clock = new FixedTime(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123));
        await using var store = await SqliteStore.OpenAsync(dir.Path, new SqliteStoreOptions { TimeProvider = clock });
        await store.Documents.PutAsync("c", "k", "{}");

        var made = await store.Maintenance.BackupAsync(backups.Path, zip: true);

        Assert.Equal(Path.Combine(backups.Path, "backup_1764000000123.zip"), made);
        using var zip = ZipFile.OpenRead(made);
        Assert.Equal([SqliteStore.FileName], zip.Entries.Select(e => e.FullName));
        Assert.False(Directory.Exists(Path.Combine(backups.Path, "backup_1764000000123")));
    }

    [Fact]
    public async Task StageRestore_FolderOfBackups_NextOpenHasTheLatestAndKeepsTheReplacedStore()
    {
        using var dir = new TempDirectory();
        using var backups = new TempDirectory();
        var clock = new FixedTime(DateTimeOffset.FromUnixTimeMilliseconds(1_000));
        await using (var store = await SqliteStore.OpenAsync(dir.Path, new SqliteStoreOptions { TimeProvider = clock }))
        {
            await store.Documents.PutAsync("c", "k", "\"first\"");
            await store.Maintenance.BackupAsync(backups.Path, zip: true);
            clock.Now = DateTimeOffset.FromUnixTimeMilliseconds(2_000);
            await store.Documents.PutAsync("c", "k", "\"second\"");
            await store.Maintenance.BackupAsync(backups.Path, zip: false);
            clock.Now = DateTimeOffset.FromUnixTimeMilliseconds(900);
            await store.Documents.PutAsync("c", "k", "\"older name\"");
            await store.Maintenance.BackupAsync(backups.Path, zip: true);
            await store.Documents.PutAsync("c", "k", "\"after the backups\"");

            var used = SqliteMaintenance.StageRestore(dir.Path, backups.Path);

            Assert.Equal(Path.Combine(backups.Path, "backup_2000"), used);
            // The running store is untouched until the next start.
            Assert.Equal("\"after the backups\"", await store.Documents.GetAsync("c", "k"));
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);

        Assert.Equal("\"second\"", await reopened.Documents.GetAsync("c", "k"));
        Assert.NotNull(reopened.KeptBeforeRestore);
        await using var kept = await SqliteStore.OpenAsync(MoveAside(reopened.KeptBeforeRestore!));
        Assert.Equal("\"after the backups\"", await kept.Documents.GetAsync("c", "k"));
    }

    [Fact]
    public async Task StageRestore_ZipBackupNamedDirectly_Restored()
    {
        using var dir = new TempDirectory();
        using var backups = new TempDirectory();
        string zip;
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            await store.Documents.PutAsync("c", "k", "\"zipped\"");
            zip = await store.Maintenance.BackupAsync(backups.Path, zip: true);
            await store.Documents.PutAsync("c", "k", "\"later\"");
        }

        SqliteMaintenance.StageRestore(dir.Path, zip);

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        Assert.Equal("\"zipped\"", await reopened.Documents.GetAsync("c", "k"));
    }

    [Theory]
    [InlineData("not a database at all")]
    [InlineData("")]
    public async Task StageRestore_BackupNotAnObolDatabase_RefusedAndNothingStaged(string content)
    {
        using var dir = new TempDirectory();
        using var backups = new TempDirectory();
        var backup = Directory.CreateDirectory(Path.Combine(backups.Path, "backup_5")).FullName;
        await File.WriteAllTextAsync(Path.Combine(backup, SqliteStore.FileName), content);

        var refused = Assert.Throws<InvalidDataException>(() => SqliteMaintenance.StageRestore(dir.Path, backups.Path));

        Assert.Contains("backup_5", refused.Message);
        Assert.Empty(Directory.EnumerateFiles(dir.Path));
    }

    [Fact]
    public void StageRestore_NoBackupInTheFolder_RefusedNamingTheFolder()
    {
        using var dir = new TempDirectory();
        using var backups = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(backups.Path, "backup_notanumber"));

        var refused = Assert.Throws<InvalidDataException>(() => SqliteMaintenance.StageRestore(dir.Path, backups.Path));

        Assert.Contains(backups.Path, refused.Message);
    }

    [Fact]
    public async Task CompactAsync_AfterDeletes_FileShrinksAndWritesGoOn()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        var big = "\"" + new string('x', 4000) + "\"";
        for (var i = 0; i < 500; i++)
        {
            await store.Documents.PutAsync("c", "k" + i, big);
        }
        for (var i = 0; i < 500; i++)
        {
            await store.Documents.DeleteAsync("c", "k" + i);
        }
        await store.Maintenance.CheckpointAsync();
        var before = new FileInfo(store.DatabasePath).Length;

        var concurrent = Task.Run(() => store.Documents.PutAsync("c", "during", "{}").AsTask());
        await store.Maintenance.CompactAsync();
        await concurrent;
        // A PASSIVE checkpoint gives way to the store's own checkpoints, so the file shrinks once one has run whole.
        for (var i = 0; i < 100 && new FileInfo(store.DatabasePath).Length >= before / 4; i++)
        {
            await store.Maintenance.CheckpointAsync();
            await Task.Delay(10);
        }

        Assert.True(new FileInfo(store.DatabasePath).Length < before / 4, $"{new FileInfo(store.DatabasePath).Length} bytes after, {before} before");
        await store.Documents.PutAsync("c", "after", "{}");
        Assert.Equal("{}", await store.Documents.GetAsync("c", "during"));
        Assert.Equal("{}", await store.Documents.GetAsync("c", "after"));
    }

    // The replaced store's files carry a suffix; a store opens only a folder's obol.db.
    private static string MoveAside(string keptFile)
    {
        var folder = keptFile + ".d";
        Directory.CreateDirectory(folder);
        File.Move(keptFile, Path.Combine(folder, SqliteStore.FileName));
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(keptFile + suffix))
            {
                File.Move(keptFile + suffix, Path.Combine(folder, SqliteStore.FileName + suffix));
            }
        }
        return folder;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
