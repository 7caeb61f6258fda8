using NodaTime;

namespace Obol.Rating;

/// <summary>Wall-clock to instant in a zone, allocation-free for fixed-offset zones (UTC above all), which NodaTime's
/// resolvers would otherwise map through a heap object on every timing margin.</summary>
internal static class ZoneTime
{
    /// <summary>DST gaps shift forward and overlaps take the earlier instant, close to what Go's time.Date does.</summary>
    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone) =>
        zone.MinOffset == zone.MaxOffset
            ? local.WithOffset(zone.MinOffset).ToInstant()
            : local.InZoneLeniently(zone).ToInstant();
}
