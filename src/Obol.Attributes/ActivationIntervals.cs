using NodaTime;
using Obol.Events;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Attributes;

/// <summary>Tariff-plan activation intervals as the wire definition (TPActivationInterval.AsActivationInterval).</summary>
public static class ActivationIntervals
{
    /// <summary>Reads the raw <c>activation;expiry</c> times in <paramref name="zone"/> (general.default_timezone);
    /// null with the reason when a time does not parse.</summary>
    public static ActivationIntervalDefinition? FromTp(TpActivationInterval interval, DateTimeZone zone, Instant now, out string? error)
    {
        ArgumentNullException.ThrowIfNull(interval);
        error = null;
        if (!GoTime.TryParse(interval.ActivationTime, zone, now, out var activation))
        {
            error = $"invalid activation time <{interval.ActivationTime}>";
            return null;
        }
        if (!GoTime.TryParse(interval.ExpiryTime, zone, now, out var expiry))
        {
            error = $"invalid expiry time <{interval.ExpiryTime}>";
            return null;
        }
        return new ActivationIntervalDefinition { ActivationTime = activation.ToInstant(), ExpiryTime = expiry.ToInstant() };
    }
}
