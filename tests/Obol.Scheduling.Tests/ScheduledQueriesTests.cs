using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit;

namespace Obol.Scheduling.Tests;

public sealed class ScheduledQueriesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 3, 10, 0, 0, TimeSpan.Zero));

    [Fact(Timeout = 30_000)]
    public async Task Schedule_Yearly_WaitsPastTheTimerLimitAndRunsOnceAtNewYear()
    {
        // 363 days to the next run: far beyond the 49 days a timer can wait at once.
        var warnings = new List<string>();
        await using var schedules = new ScheduledQueries(DateTimeZone.Utc, _time, warnings.Add);
        var runs = new List<DateTimeOffset>();
        Assert.True(CronSchedule.TryParse("@yearly", out var yearly, out _));

        schedules.Schedule("cgrates.org", "R1", yearly, _ => { runs.Add(_time.GetUtcNow()); return Task.CompletedTask; });
        for (var day = 0; day < 370; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        Assert.Equal([new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)], runs.Select(r => new DateTimeOffset(r.Year, r.Month, r.Day, 0, 0, 0, TimeSpan.Zero)));
        Assert.Empty(warnings);
        Assert.Equal(Instant.FromUtc(2028, 1, 1, 0, 0), schedules.Entries("cgrates.org").Single().Next);
    }

    [Fact]
    public async Task Schedule_RunFailsThenRescheduled_KeepsRunningAndOldEntryStops()
    {
        var warnings = new List<string>();
        await using var schedules = new ScheduledQueries(DateTimeZone.Utc, _time, warnings.Add);
        var first = 0;
        var second = 0;
        Assert.True(CronSchedule.TryParse("@every 1s", out var everySecond, out _));

        schedules.Schedule("cgrates.org", "T1", everySecond, _ => { first++; throw new InvalidOperationException("queue gone"); });
        await TickAsync(3);
        schedules.Schedule("cgrates.org", "T1", everySecond, _ => { second++; return Task.CompletedTask; });
        await TickAsync(3);

        Assert.Equal(3, first);
        Assert.Equal(3, second);
        Assert.Equal(3, warnings.Count(w => w.Contains("queue gone", StringComparison.Ordinal)));
    }

    private async Task TickAsync(int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
