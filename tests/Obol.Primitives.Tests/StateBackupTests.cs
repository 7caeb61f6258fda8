using Xunit;

namespace Obol.Primitives.Tests;

public class StateBackupTests
{
    [Fact]
    public async Task StoreMarkedAsync_SaveFails_StaysMarkedForTheNextBackup()
    {
        var backup = new StateBackup(Usage.FromSeconds(5));
        Assert.False(backup.StoreNow("t", "a"));
        var saved = new List<string>();
        var failing = true;

        await Assert.ThrowsAsync<IOException>(() => backup.StoreMarkedAsync(Snapshot, Save, TestContext.Current.CancellationToken));
        failing = false;
        var stored = await backup.StoreMarkedAsync(Snapshot, Save, TestContext.Current.CancellationToken);

        Assert.Equal((1, 0), (stored, backup.MarkedCount));
        Assert.Equal(["t:a=json-a"], saved);

        ValueTask Save(string tenant, string id, string json, CancellationToken ct)
        {
            if (failing)
            {
                throw new IOException("disk full");
            }
            saved.Add($"{tenant}:{id}={json}");
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task StoreMarkedAsync_StateGone_SkippedAndUnmarked()
    {
        var backup = new StateBackup(Usage.FromSeconds(5));
        backup.StoreNow("t", "gone");

        var stored = await backup.StoreMarkedAsync((_, _, _) => ValueTask.FromResult<string?>(null),
            (_, _, _, _) => throw new InvalidOperationException("must not be saved"), TestContext.Current.CancellationToken);

        Assert.Equal((0, 0), (stored, backup.MarkedCount));
    }

    [Theory]
    [InlineData(null, true, 0)]
    [InlineData(-1L, true, 0)]
    [InlineData(0L, false, 0)]
    [InlineData(1_000_000_000L, false, 1)]
    public void StoreNow_Interval_StoresAtOnceOrMarks(long? nanoseconds, bool now, int marked)
    {
        var backup = new StateBackup(nanoseconds is { } ns ? new Usage(ns) : null);

        Assert.Equal((now, marked), (backup.StoreNow("t", "a"), backup.MarkedCount));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(-1L, null)]
    [InlineData(0L, null)]
    [InlineData(1_500_000_000L, 15_000_000L)]
    [InlineData(50L, 1L)]
    public void BackupPeriod_Interval_OnlyPositiveOnesAreBackedUp(long? nanoseconds, long? ticks)
    {
        Assert.Equal(ticks is { } t ? TimeSpan.FromTicks(t) : null, StateBackup.BackupPeriod(nanoseconds is { } ns ? new Usage(ns) : null));
    }

    private static ValueTask<string?> Snapshot(string tenant, string id, CancellationToken ct) => ValueTask.FromResult<string?>("json-" + id);
}
