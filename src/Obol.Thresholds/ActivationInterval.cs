using NodaTime;

namespace Obol.Thresholds;

/// <summary>
/// A profile's active window (CGRateS utils.ActivationInterval). A null bound is open. Both bounds are exclusive,
/// as CGRateS compares with Before/After: a profile activating at T is not yet active for an event at exactly T.
/// </summary>
public sealed record ActivationInterval(Instant? ActivationTime, Instant? ExpiryTime)
{
    public bool IsActiveAt(Instant time) =>
        (ActivationTime is not { } start || start < time) &&
        (ExpiryTime is not { } end || end > time);
}
