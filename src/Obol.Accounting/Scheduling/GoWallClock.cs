using NodaTime;

namespace Obol.Accounting.Scheduling;

/// <summary>
/// Wall-clock fields to an instant the way Go's <c>time.Date</c> resolves them, which the cron arithmetic relies on:
/// a time in a DST gap moves forward by the gap, and a time in an overlap takes the offset Go's single-lookup
/// algorithm lands on (the later instant east of Greenwich, the earlier one west of it).
/// </summary>
internal static class GoWallClock
{
    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone)
    {
        // CGRateS parity: Go time.Date — look the zone up at the wall time read as UTC, then once more at the
        // corrected instant when that falls outside the first zone interval.
        var asUtc = local.InUtc().ToInstant();
        var interval = zone.GetZoneInterval(asUtc);
        var offset = interval.WallOffset;
        if (offset == Offset.Zero)
        {
            return asUtc;
        }
        var utc = asUtc - Duration.FromNanoseconds(offset.Nanoseconds);
        if (!interval.Contains(utc))
        {
            offset = zone.GetZoneInterval(utc).WallOffset;
        }
        return asUtc - Duration.FromNanoseconds(offset.Nanoseconds);
    }
}
