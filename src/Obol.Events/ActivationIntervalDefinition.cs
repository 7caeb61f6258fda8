using NodaTime;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Events;

/// <summary>utils.ActivationInterval on the wire: Go zero times (<c>0001-01-01T00:00:00Z</c>) are open bounds.</summary>
public sealed record ActivationIntervalDefinition
{
    private static readonly Instant s_goZero = GoTime.Zero.ToInstant();

    public Instant ActivationTime { get; init; } = s_goZero;

    public Instant ExpiryTime { get; init; } = s_goZero;

    public ActivationWindow ToWindow() => new(
        ActivationTime == s_goZero ? null : ActivationTime,
        ExpiryTime == s_goZero ? null : ExpiryTime);

    public static ActivationIntervalDefinition? From(ActivationWindow? window) => window is { } w
        ? new ActivationIntervalDefinition { ActivationTime = w.Activation ?? s_goZero, ExpiryTime = w.Expiry ?? s_goZero }
        : null;
}
