using System.Text.Json.Serialization;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Thresholds;

/// <summary>engine.ThresholdProfile as APIerSv1.Get/SetThresholdProfile carry it (MinSleep in nanoseconds).</summary>
public sealed record ThresholdProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public ActivationIntervalDefinition? ActivationInterval { get; init; }

    public int MaxHits { get; init; }

    public int MinHits { get; init; }

    public Usage MinSleep { get; init; }

    public bool Blocker { get; init; }

    public decimal Weight { get; init; }

    [JsonPropertyName("ActionIDs")]
    public IReadOnlyList<string>? ActionIds { get; init; }

    public bool Async { get; init; }

    [JsonPropertyName("EeIDs")]
    public IReadOnlyList<string>? EeIds { get; init; }

    public ThresholdProfile ToProfile()
    {
        if (string.IsNullOrEmpty(Id))
        {
            throw new FilterDefinitionException(ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        var filterIds = FilterIds ?? [];
        var inline = FilterService.CheckInline(filterIds);
        if (inline.Count != 0)
        {
            throw new FilterDefinitionException($"threshold profile {Tenant}:{Id}: {inline[0]}");
        }
        var window = ActivationInterval?.ToWindow();
        return new ThresholdProfile(Tenant, Id)
        {
            FilterIds = filterIds,
            ActivationInterval = window is { } w ? new ActivationInterval(w.Activation, w.Expiry) : null,
            MaxHits = MaxHits,
            MinHits = MinHits,
            MinSleep = MinSleep,
            Blocker = Blocker,
            Weight = Weight,
            ActionIds = ActionIds ?? [],
            Async = Async,
            EeIds = EeIds ?? [],
        };
    }

    public static ThresholdProfileDefinition From(ThresholdProfile profile) => new()
    {
        Tenant = profile.Tenant,
        Id = profile.Id,
        FilterIds = profile.FilterIds,
        ActivationInterval = ActivationIntervalDefinition.From(profile.ActivationInterval is { } a
            ? new ActivationWindow(a.ActivationTime, a.ExpiryTime)
            : null),
        MaxHits = profile.MaxHits,
        MinHits = profile.MinHits,
        MinSleep = profile.MinSleep,
        Blocker = profile.Blocker,
        Weight = profile.Weight,
        ActionIds = profile.ActionIds,
        Async = profile.Async,
        EeIds = profile.EeIds,
    };

    /// <summary>Thresholds.csv: a bad time or inline filter is reported at the row's file:line.</summary>
    public static ThresholdProfile FromTp(TpThresholdProfile tp, DateTimeZone zone, Instant now)
    {
        try
        {
            var window = tp.ActivationInterval is { } interval ? ActivationWindow.From(interval, zone, now) : (ActivationWindow?)null;
            return new ThresholdProfileDefinition
            {
                Tenant = tp.Tenant,
                Id = tp.Id,
                FilterIds = tp.FilterIds,
                ActivationInterval = ActivationIntervalDefinition.From(window),
                MaxHits = tp.MaxHits,
                MinHits = tp.MinHits,
                MinSleep = tp.MinSleep,
                Blocker = tp.Blocker,
                Weight = tp.Weight,
                ActionIds = tp.ActionIds,
                Async = tp.Async,
                EeIds = tp.EeIds,
            }.ToProfile();
        }
        catch (FilterDefinitionException e)
        {
            throw new FilterDefinitionException($"{tp.Location}: {e.Message}");
        }
    }
}
