using NodaTime;
using Obol.Primitives;

namespace Obol.Resources;

/// <summary>
/// Units held under one usage ID (engine.ResourceUsage). <see cref="ExpiryTime"/> is Go's zero time for a usage that
/// never expires.
/// </summary>
public sealed record ResourceUsage(string Tenant, string Id, Instant ExpiryTime, decimal Units)
{
    /// <summary>Go's zero time.Time: no expiry.</summary>
    public static readonly Instant NoExpiry = GoTime.Zero.ToInstant();

    public bool Expires => ExpiryTime != NoExpiry;

    /// <summary>ResourceUsage.isActive: no expiry, or expiring strictly after <paramref name="at"/>.</summary>
    public bool IsActiveAt(Instant at) => !Expires || ExpiryTime > at;
}
