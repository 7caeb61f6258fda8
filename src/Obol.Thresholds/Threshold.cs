using NodaTime;
using Obol.Primitives;

namespace Obol.Thresholds;

/// <summary>
/// The mutable counter of one profile (CGRateS Threshold): how often it matched and until when it sleeps after
/// firing. A fresh threshold has no hits and Go's zero time as Snooze, so it is awake.
/// </summary>
public sealed partial class Threshold(string tenant, string id)
{
    /// <summary>Go's zero time.Time, which CGRateS stores for a threshold that never fired.</summary>
    public static readonly Instant NeverSnoozed = GoTime.Zero.ToInstant();

    public string Tenant { get; } = tenant;

    public string Id { get; } = id;

    public int Hits { get; set; }

    public Instant Snooze { get; set; } = NeverSnoozed;

    /// <summary>CGRateS checks the snooze with time.Now().After(Snooze): awake only strictly after it.</summary>
    public bool IsSnoozedAt(Instant now) => now <= Snooze;

    public static Threshold For(ThresholdProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new Threshold(profile.Tenant, profile.Id);
    }
}
