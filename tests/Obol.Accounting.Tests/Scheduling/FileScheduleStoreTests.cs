using NodaTime;
using Obol.Accounting.Scheduling;
using Xunit;

namespace Obol.Accounting.Tests.Scheduling;

public sealed class FileScheduleStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "obol-store-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string FilePath => Path.Combine(_folder, "nested", "schedule.json");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task LoadAsync_NewInstanceOverSameFile_SeesSavedEntries()
    {
        var next = Instant.FromUtc(2024, 3, 2, 8, 0, 1).PlusNanoseconds(5);
        using (var store = new FileScheduleStore(FilePath))
        {
            await store.SaveAsync("U1", next, Ct);
            await store.SaveAsync("U2/cgrates.org:1001", ScheduleStore.Consumed, Ct);
            await store.SaveAsync("U3", next, Ct);
            await store.RemoveAsync("U3", Ct);
        }
        using var reopened = new FileScheduleStore(FilePath);
        var entries = await reopened.LoadAsync(Ct);

        Assert.Equal(2, entries.Count);
        Assert.Equal(next, entries["U1"]);
        Assert.Equal(ScheduleStore.Consumed, entries["U2/cgrates.org:1001"]);
        Assert.False(File.Exists(FilePath + ".tmp"));
        Assert.Contains("\"*consumed\"", await File.ReadAllTextAsync(FilePath, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NoFile_IsEmpty()
    {
        using var store = new FileScheduleStore(FilePath);
        Assert.Empty(await store.LoadAsync(Ct));
        Assert.False(File.Exists(FilePath));
    }

    [Fact]
    public async Task LoadAsync_CorruptFile_ThrowsInvalidData()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await File.WriteAllTextAsync(FilePath, "{\"nextRuns\":{\"U1\":\"yesterday\"}}", Ct);
        using var store = new FileScheduleStore(FilePath);
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync(Ct));
        Assert.Contains(FilePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_StaleTemporaryFileFromCrash_IsReplaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await File.WriteAllTextAsync(FilePath + ".tmp", "half a fi", Ct);
        using var store = new FileScheduleStore(FilePath);
        await store.SaveAsync("U1", Instant.FromUtc(2024, 1, 1, 0, 0), Ct);
        using var reopened = new FileScheduleStore(FilePath);
        Assert.Equal(["U1"], (await reopened.LoadAsync(Ct)).Keys);
    }
}
