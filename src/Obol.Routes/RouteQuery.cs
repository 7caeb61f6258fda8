using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Routes;

/// <summary>
/// One GetRoutes call (sortedRoutesForEvent): the state a query carries from profile to profile — its options, the
/// first error (which ends it) and the warnings CGRateS would log.
/// </summary>
internal sealed partial class RouteQuery(RouteService service, CgrEvent ev, Instant now, CancellationToken cancellationToken)
{
    private const string MaxCostExceeded = "MAX_COST_EXCEEDED";

    private readonly List<string> _warnings = [];
    private bool _ignoreErrors;
    private decimal _maxCost;

    public string? Error { get; private set; }

    public IReadOnlyList<string> Warnings => _warnings;

    public async ValueTask<IReadOnlyList<SortedRoutes>> RunAsync()
    {
        var (profiles, error) = service.Match(ev.Tenant, ev, now);
        if (error is not null)
        {
            return Fail(error);
        }
        var options = service.Options;
        var profileCount = profiles.Count;
        if (!EventReading.TryGetIntOption(ev, RouteOptions.ProfileCount, options.ProfileCount, out var countOption, out error))
        {
            return Fail(error);
        }
        if (countOption is { } wanted && profileCount > wanted)
        {
            profileCount = wanted;
        }
        if (!EventOptionValues.TryGetBool(ev, RouteOptions.IgnoreErrors, options.IgnoreErrors, out _ignoreErrors, out error)
            || !EventReading.TryGetIntOption(ev, RouteOptions.Limit, options.Limit, out var limit, out error)
            || !EventReading.TryGetIntOption(ev, RouteOptions.Offset, options.Offset, out var offset, out error))
        {
            return Fail(error);
        }
        if (await ReadMaxCostAsync().ConfigureAwait(false) is { } maxCostError)
        {
            return Fail(maxCostError);
        }
        var result = new List<SortedRoutes>(profiles.Count);
        var skip = offset ?? 0;
        var counted = 0;
        foreach (var profile in profiles)
        {
            // CGRateS pages over the profiles' configured route counts, before filtering: a profile whose routes are
            // all skipped by the offset is not even sorted, and the limit is cut per profile the same way.
            int? profileLimit = null;
            int? profileOffset = null;
            if (limit is { } max)
            {
                if (counted >= max)
                {
                    break;
                }
                if (counted + profile.Routes.Count > max)
                {
                    profileLimit = max - counted;
                }
            }
            if (skip > 0)
            {
                if (skip - profile.Routes.Count is var left and >= 0)
                {
                    skip = left;
                    continue;
                }
                profileOffset = skip;
                skip = 0;
            }
            var sorted = await SortProfileAsync(profile, profileLimit, profileOffset).ConfigureAwait(false);
            if (sorted is null)
            {
                return [];
            }
            if (sorted.Routes.Count != 0)
            {
                counted += sorted.Routes.Count;
                result.Add(sorted);
                if (result.Count == profileCount)
                {
                    break;
                }
            }
        }
        return result.Count == 0 ? Fail(ErrorCodes.NotFound) : result;
    }

    /// <summary>newOptsGetRoutes' *maxCost: none (empty), a number, or the event's own cost.</summary>
    private async ValueTask<string?> ReadMaxCostAsync()
    {
        var raw = ev.ApiOpts.TryGetValue(RouteOptions.MaxCost, out var option) ? option : service.Options.MaxCost;
        switch (raw)
        {
            case null or "":
                return null;
            case RouteOptions.EventCost:
                foreach (var field in (string[])["Account", "Destination", "SetupTime", "Usage"])
                {
                    if (!ev.Event.ContainsKey(field))
                    {
                        return ErrorCodes.MandatoryIeMissingFields(field);
                    }
                }
                // CGRateS rates the event in-process here, without rals_conns; Obol needs the cost port for it.
                if (service.Costs is not { } costs)
                {
                    return ErrorCodes.NotConnectedTo("RALs");
                }
                var reply = await costs.GetEventCostAsync(ev, cancellationToken).ConfigureAwait(false);
                if (reply.Error is { } error)
                {
                    return error;
                }
                _maxCost = reply.Cost;
                return null;
            default:
                return EventValues.TryAsDecimal(raw, out _maxCost, out var problem) ? null : problem;
        }
    }

    private List<SortedRoutes> Fail(string error)
    {
        Error ??= error;
        return [];
    }

    private void Warn(string message) => _warnings.Add(message);
}
