using System.Diagnostics.CodeAnalysis;
using NodaTime;
using Obol.Filters;
using Obol.TariffPlans;

namespace Obol.Routes;

/// <summary>Routes.csv profiles to <see cref="RouteProfile"/>s; every problem is reported with its file:line.</summary>
public static class RouteProfileLoader
{
    /// <summary>Compiles every profile it can; the bad ones are left out and named in the errors.</summary>
    public static (IReadOnlyList<RouteProfile> Profiles, IReadOnlyList<string> Errors) FromTp(IEnumerable<TpRouteProfile> profiles,
        DateTimeZone zone, Instant now)
    {
        var compiled = new List<RouteProfile>();
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

    /// <summary>One profile; the error starts with the row's location (<c>Routes.csv:7: ...</c>). Activation times
    /// are read in <paramref name="zone"/> (general.default_timezone), relative ones from <paramref name="now"/>.</summary>
    public static bool TryFromTp(TpRouteProfile tp, DateTimeZone zone, Instant now,
        [NotNullWhen(true)] out RouteProfile? profile,
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
            error = $"{tp.Location}: route profile {tp.Tenant}:{tp.Id}: {e.Message}";
            return false;
        }
        // A bad route filter is reported on the route's own row.
        foreach (var route in tp.Routes)
        {
            if (FilterService.CheckInline(route.FilterIds) is [var problem, ..])
            {
                error = $"{route.Location}: route profile {tp.Tenant}:{tp.Id}: route {route.Id}: {problem}";
                return false;
            }
        }
        var definition = new RouteProfileDefinition
        {
            Tenant = tp.Tenant,
            Id = tp.Id,
            FilterIds = tp.FilterIds,
            Sorting = tp.Sorting,
            SortingParameters = tp.SortingParameters,
            Routes = [.. tp.Routes.Select(r => new RouteDefinition
            {
                Id = r.Id,
                FilterIds = r.FilterIds,
                AccountIds = r.AccountIds,
                RatingPlanIds = r.RatingPlanIds,
                ResourceIds = r.ResourceIds,
                StatIds = r.StatIds,
                Weight = r.Weight,
                Blocker = r.Blocker,
                RouteParameters = r.Parameters,
            })],
            Weight = tp.Weight,
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
