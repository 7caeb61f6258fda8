using NodaTime;
using Xunit;

namespace Obol.Scheduling.Tests;

public sealed class CronScheduleTests
{
    private static readonly Instant s_now = Instant.FromUtc(2026, 11, 28, 10, 17, 42);

    [Theory]
    [InlineData("0 1 * * *", "2026-11-29T01:00:00Z")]
    [InlineData("*/15 * * * *", "2026-11-28T10:30:00Z")]
    [InlineData("@hourly", "2026-11-28T11:00:00Z")]
    [InlineData("@daily", "2026-11-29T00:00:00Z")]
    [InlineData("@every 15m", "2026-11-28T10:32:42Z")]
    [InlineData("@every 1500ms", "2026-11-28T10:17:43Z")]
    public void Next_Expression_NextRunInUtc(string text, string expected)
    {
        Assert.True(CronSchedule.TryParse(text, out var schedule, out var error), error);

        Assert.Equal(expected, NodaTime.Text.InstantPattern.General.Format(schedule.Next(s_now, DateTimeZone.Utc)!.Value));
    }

    [Fact]
    public void Next_ZoneGiven_CalendarFieldsInThatZone()
    {
        Assert.True(CronSchedule.TryParse("0 1 * * *", out var schedule, out _));

        var next = schedule.Next(s_now, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);

        Assert.Equal(Instant.FromUtc(2026, 11, 29, 0, 0), next);
    }

    [Fact]
    public void Next_CronTzPrefix_CalendarFieldsInItsZoneWhateverTheEngineZone()
    {
        Assert.True(CronSchedule.TryParse("CRON_TZ=Europe/Berlin 0 1 * * *", out var schedule, out var error), error);

        Assert.Equal(Instant.FromUtc(2026, 11, 29, 0, 0), schedule.Next(s_now, DateTimeZone.Utc));
    }

    [Theory]
    [InlineData("0 0 L * *", "day of month")]
    [InlineData("0 0 * * 1#2", "day of week")]
    [InlineData("CRON_TZ=Mars/Olympus 0 1 * * *", "unknown time zone")]
    public void TryParse_BeyondGoCron_RefusedAsTheLoaderRefusesIt(string text, string expected)
    {
        Assert.False(CronSchedule.TryParse(text, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains(expected, Obol.TariffPlans.GoCronGrammar.Problem(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("every minute")]
    [InlineData("61 * * * *")]
    [InlineData("@every soon")]
    [InlineData("* * * * * *")]
    public void TryParse_BadSchedule_ErrorNamesIt(string text)
    {
        Assert.False(CronSchedule.TryParse(text, out _, out var error));

        Assert.Contains($"<{text}>", error, StringComparison.Ordinal);
    }
}
