using NodaTime;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Filters;

/// <summary>utils.ActivationInterval: active strictly after the activation time and strictly before the expiry;
/// a missing (Go zero) bound is open.</summary>
public readonly record struct ActivationWindow(Instant? Activation, Instant? Expiry)
{
    public bool IsActiveAt(Instant at) => (Activation is not { } start || start < at) && (Expiry is not { } end || at < end);

    /// <summary>Reads the loader's raw times in <paramref name="zone"/> (general.default_timezone).</summary>
    public static ActivationWindow From(TpActivationInterval interval, DateTimeZone zone, Instant now) =>
        new(Parse(interval.ActivationTime, zone, now, "activation"), Parse(interval.ExpiryTime, zone, now, "expiry"));

    private static Instant? Parse(string text, DateTimeZone zone, Instant now, string what)
    {
        if (!GoTime.TryParse(text, zone, now, out var time))
        {
            throw new FilterDefinitionException($"invalid {what} time <{text}>");
        }
        return time == GoTime.Zero ? null : time.ToInstant();
    }
}
