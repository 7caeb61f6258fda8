using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Resources;

/// <summary>
/// A ResourceS profile (engine.ResourceProfile, one Resources.csv row group): how many units its resource may hand
/// out (<see cref="Limit"/>, -1 unlimited) and for how long a usage counts (<see cref="UsageTtl"/>: -1 never expires,
/// 0 records nothing — an authorization-only resource).
/// </summary>
public sealed record ResourceProfile(string Tenant, string Id) : IEventProfile
{
    /// <summary>The Limit meaning "no limit".</summary>
    public const decimal UnlimitedUnits = -1;

    public IReadOnlyList<string> FilterIds { get; init; } = [];

    public ActivationWindow? Activation { get; init; }

    public Usage UsageTtl { get; init; }

    public decimal Limit { get; init; }

    /// <summary>The reply of a successful allocation; empty means the profile ID.</summary>
    public string AllocationMessage { get; init; } = "";

    /// <summary>Resources weighing less than a matching blocker are not used for the event.</summary>
    public bool Blocker { get; init; }

    /// <summary>Its resource is saved through <see cref="IResourceStore"/> after each change.</summary>
    public bool Stored { get; init; }

    public decimal Weight { get; init; }

    /// <summary>Thresholds told about usage changes; empty lets ThresholdS match by filters, <c>*none</c> tells none.</summary>
    public IReadOnlyList<string> ThresholdIds { get; init; } = [];

    /// <summary>DataManager.SetResourceProfile: the resource starts over when the profile is new, its TTL or Limit
    /// changed, or it stops being stored.</summary>
    internal bool ResetsResourceOf(ResourceProfile previous) =>
        UsageTtl != previous.UsageTtl || Limit != previous.Limit || (previous.Stored && !Stored);
}
