using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Resources;

/// <summary>engine.ResourceProfile as APIerSv1.Get/SetResourceProfile carry it (UsageTTL in nanoseconds).</summary>
public sealed record ResourceProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public ActivationIntervalDefinition? ActivationInterval { get; init; }

    [JsonPropertyName("UsageTTL")]
    public Usage UsageTtl { get; init; }

    public decimal Limit { get; init; }

    public string AllocationMessage { get; init; } = "";

    public bool Blocker { get; init; }

    public bool Stored { get; init; }

    public decimal Weight { get; init; }

    [JsonPropertyName("ThresholdIDs")]
    public IReadOnlyList<string>? ThresholdIds { get; init; }

    /// <summary>Validates (an ID, well-formed inline filters) and compiles.</summary>
    public bool TryToProfile([NotNullWhen(true)] out ResourceProfile? profile, [NotNullWhen(false)] out string? error)
    {
        profile = null;
        if (string.IsNullOrEmpty(Id))
        {
            error = ErrorCodes.MandatoryIeMissingFields("ID");
            return false;
        }
        var filterIds = FilterIds ?? [];
        if (FilterService.CheckInline(filterIds) is [var problem, ..])
        {
            error = $"resource profile {Tenant}:{Id}: {problem}";
            return false;
        }
        profile = new ResourceProfile(Tenant, Id)
        {
            FilterIds = filterIds,
            Activation = ActivationInterval?.ToWindow(),
            UsageTtl = UsageTtl,
            Limit = Limit,
            AllocationMessage = AllocationMessage,
            Blocker = Blocker,
            Stored = Stored,
            Weight = Weight,
            ThresholdIds = ThresholdIds ?? [],
        };
        error = null;
        return true;
    }

    public static ResourceProfileDefinition From(ResourceProfile profile) => new()
    {
        Tenant = profile.Tenant,
        Id = profile.Id,
        FilterIds = profile.FilterIds,
        ActivationInterval = ActivationIntervalDefinition.From(profile.Activation),
        UsageTtl = profile.UsageTtl,
        Limit = profile.Limit,
        AllocationMessage = profile.AllocationMessage,
        Blocker = profile.Blocker,
        Stored = profile.Stored,
        Weight = profile.Weight,
        ThresholdIds = profile.ThresholdIds,
    };

    /// <summary>Resources.csv profiles; bad ones are left out and reported with their file:line. Activation times
    /// are read in <paramref name="zone"/>, relative ones from <paramref name="now"/>.</summary>
    public static (IReadOnlyList<ResourceProfile> Profiles, IReadOnlyList<string> Errors) FromTp(IEnumerable<TpResourceProfile> profiles,
        DateTimeZone zone, Instant now)
    {
        var compiled = new List<ResourceProfile>();
        var errors = new List<string>();
        foreach (var tp in profiles)
        {
            if (TryFromTp(tp, zone, now, out var profile, out var error))
            {
                compiled.Add(profile);
            }
            else
            {
                errors.Add(error);
            }
        }
        return (compiled, errors);
    }

    public static bool TryFromTp(TpResourceProfile tp, DateTimeZone zone, Instant now, [NotNullWhen(true)] out ResourceProfile? profile,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(tp);
        profile = null;
        ActivationWindow? activation;
        try
        {
            activation = tp.ActivationInterval is { } interval ? ActivationWindow.From(interval, zone, now) : null;
        }
        catch (FilterDefinitionException e)
        {
            error = $"{tp.Location}: resource profile {tp.Tenant}:{tp.Id}: {e.Message}";
            return false;
        }
        var definition = new ResourceProfileDefinition
        {
            Tenant = tp.Tenant,
            Id = tp.Id,
            FilterIds = tp.FilterIds,
            UsageTtl = tp.UsageTtl,
            Limit = tp.Limit,
            AllocationMessage = tp.AllocationMessage,
            Blocker = tp.Blocker,
            Stored = tp.Stored,
            Weight = tp.Weight,
            ThresholdIds = tp.ThresholdIds,
        };
        if (!definition.TryToProfile(out var compiled, out error))
        {
            error = $"{tp.Location}: {error}";
            return false;
        }
        profile = compiled with { Activation = activation };
        return true;
    }
}
