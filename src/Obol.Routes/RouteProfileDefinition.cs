using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Routes;

/// <summary>
/// engine.RouteProfile as APIerSv1.Get/SetRouteProfile and RouteSv1.GetRouteProfilesForEvent carry it; the API layer
/// (de)serializes it with the Go JSON options. <see cref="TryToProfile"/> validates it the way a tariff-plan load does.
/// </summary>
public sealed record RouteProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public ActivationIntervalDefinition? ActivationInterval { get; init; }

    public string Sorting { get; init; } = "";

    public IReadOnlyList<string>? SortingParameters { get; init; }

    public IReadOnlyList<RouteDefinition>? Routes { get; init; }

    public decimal Weight { get; init; }

    /// <summary>
    /// Validates and compiles: an unknown sorting (CGRateS fails every event of the profile with "unsupported sorting
    /// strategy"), a malformed <c>*load</c> ratio (RouteProfile.Compile) and a bad inline filter are refused here.
    /// </summary>
    public bool TryToProfile([NotNullWhen(true)] out RouteProfile? profile, [NotNullWhen(false)] out string? error)
    {
        profile = null;
        if (string.IsNullOrEmpty(Id))
        {
            error = ErrorCodes.MandatoryIeMissingFields("ID");
            return false;
        }
        var routes = Routes ?? [];
        var sortingParameters = SortingParameters ?? [];
        if (!RouteSortings.IsKnown(Sorting))
        {
            error = $"route profile {Tenant}:{Id}: unsupported sorting strategy: {Sorting}";
            return false;
        }
        IReadOnlyDictionary<string, int>? ratios = null;
        if (Sorting == RouteSortings.LoadDistribution && !LoadRatios.TryParse(sortingParameters, out ratios, out error))
        {
            error = $"route profile {Tenant}:{Id}: {error}";
            return false;
        }
        var filterIds = FilterIds ?? [];
        var inline = FilterService.CheckInline(filterIds.Concat(routes.SelectMany(r => r.FilterIds ?? [])));
        if (inline.Count != 0)
        {
            error = $"route profile {Tenant}:{Id}: {inline[0]}";
            return false;
        }
        profile = new RouteProfile(Tenant, Id)
        {
            FilterIds = filterIds,
            Activation = ActivationInterval?.ToWindow(),
            Sorting = Sorting,
            SortingParameters = sortingParameters,
            Routes = [.. routes.Select(r => r.ToRoute(ratios))],
            Weight = Weight,
        };
        error = null;
        return true;
    }

    public static RouteProfileDefinition From(RouteProfile profile) => new()
    {
        Tenant = profile.Tenant,
        Id = profile.Id,
        FilterIds = profile.FilterIds,
        ActivationInterval = ActivationIntervalDefinition.From(profile.Activation),
        Sorting = profile.Sorting,
        SortingParameters = profile.SortingParameters,
        Routes = [.. profile.Routes.Select(RouteDefinition.From)],
        Weight = profile.Weight,
    };
}

/// <summary>engine.Route on the wire.</summary>
public sealed record RouteDefinition
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    [JsonPropertyName("AccountIDs")]
    public IReadOnlyList<string>? AccountIds { get; init; }

    [JsonPropertyName("RatingPlanIDs")]
    public IReadOnlyList<string>? RatingPlanIds { get; init; }

    [JsonPropertyName("ResourceIDs")]
    public IReadOnlyList<string>? ResourceIds { get; init; }

    [JsonPropertyName("StatIDs")]
    public IReadOnlyList<string>? StatIds { get; init; }

    public decimal Weight { get; init; }

    public bool Blocker { get; init; }

    public string RouteParameters { get; init; } = "";

    internal Route ToRoute(IReadOnlyDictionary<string, int>? ratios) => new(Id)
    {
        FilterIds = FilterIds ?? [],
        AccountIds = AccountIds ?? [],
        RatingPlanIds = RatingPlanIds ?? [],
        ResourceIds = ResourceIds ?? [],
        StatIds = StatIds ?? [],
        Weight = Weight,
        Blocker = Blocker,
        RouteParameters = RouteParameters,
        Ratio = ratios is null ? null : LoadRatios.For(ratios, Id),
    };

    public static RouteDefinition From(Route route) => new()
    {
        Id = route.Id,
        FilterIds = route.FilterIds,
        AccountIds = route.AccountIds,
        RatingPlanIds = route.RatingPlanIds,
        ResourceIds = route.ResourceIds,
        StatIds = route.StatIds,
        Weight = route.Weight,
        Blocker = route.Blocker,
        RouteParameters = route.RouteParameters,
    };
}
