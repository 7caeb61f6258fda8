using NodaTime;
using Xunit;

namespace Obol.Primitives.Tests;

public class GoTimeTests
{
    private static readonly Instant s_now = Instant.FromUtc(2026, 11, 25, 10, 0);
    private static readonly DateTimeZone s_berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Fact]
    public void TryParse_Rfc3339Utc_KeepsUtcZone()
    {
        Assert.True(GoTime.TryParse("2014-08-04T13:00:00Z", s_berlin, s_now, out var t));
        Assert.Equal(Instant.FromUtc(2014, 8, 4, 13, 0), t.ToInstant());
        Assert.Equal(DateTimeZone.Utc, t.Zone);
    }

    [Fact]
    public void TryParse_Rfc3339Offset_KeepsOffset()
    {
        Assert.True(GoTime.TryParse("2014-08-04T13:00:00.5+02:00", DateTimeZone.Utc, s_now, out var t));
        Assert.Equal(Instant.FromUtc(2014, 8, 4, 11, 0).PlusNanoseconds(500_000_000), t.ToInstant());
        Assert.Equal(Offset.FromHours(2), t.Offset);
    }

    [Fact]
    public void TryParse_SqlLayout_ReadsWallTimeInDefaultZone()
    {
        Assert.True(GoTime.TryParse("2014-08-04 13:00:00", s_berlin, s_now, out var t));
        Assert.Equal(Instant.FromUtc(2014, 8, 4, 11, 0), t.ToInstant());
        Assert.Equal(s_berlin, t.Zone);
    }

    [Theory]
    [InlineData("1407157200", 0)]
    [InlineData("1407157200000", 0)]
    [InlineData("1407157200000000000", 0)]
    public void TryParse_UnixTimestamps_ReadsSecondsMillisAndNanos(string text, int _)
    {
        Assert.True(GoTime.TryParse(text, DateTimeZone.Utc, s_now, out var t));
        Assert.Equal(Instant.FromUtc(2014, 8, 4, 13, 0), t.ToInstant());
    }

    [Theory]
    [InlineData("")]
    [InlineData("*unlimited")]
    [InlineData("0")]
    public void TryParse_EmptyForms_GiveGoZeroTime(string text)
    {
        Assert.True(GoTime.TryParse(text, DateTimeZone.Utc, s_now, out var t));
        Assert.Equal(GoTime.Zero, t);
    }

    [Fact]
    public void TryParse_RelativeForms_CountFromNow()
    {
        Assert.True(GoTime.TryParse("*now", DateTimeZone.Utc, s_now, out var now));
        Assert.Equal(s_now, now.ToInstant());
        Assert.True(GoTime.TryParse("+1h30m", DateTimeZone.Utc, s_now, out var later));
        Assert.Equal(s_now + Duration.FromMinutes(90), later.ToInstant());
        Assert.True(GoTime.TryParse("*daily", DateTimeZone.Utc, s_now, out var daily));
        Assert.Equal(s_now + Duration.FromDays(1), daily.ToInstant());
        Assert.True(GoTime.TryParse("*monthly", DateTimeZone.Utc, s_now, out var monthly));
        Assert.Equal(Instant.FromUtc(2026, 12, 25, 10, 0), monthly.ToInstant());
    }

    [Fact]
    public void AddCalendar_EndOfJanuaryPlusMonth_OverflowsLikeGo() =>
        Assert.Equal(new LocalDate(2026, 3, 3),
            GoTime.AddCalendar(new LocalDateTime(2026, 1, 31, 0, 0).InUtc(), Period.FromMonths(1)).Date);

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2014-13-40T00:00:00Z")]
    [InlineData("+abc")]
    public void TryParse_Garbage_ReturnsFalse(string text) => Assert.False(GoTime.TryParse(text, DateTimeZone.Utc, s_now, out _));
}
