using Obol.Filters;
using Obol.Primitives;

namespace Obol.Routes;

internal sealed partial class RouteQuery
{
    /// <summary>
    /// populateSortingData: Weight, then cost (when the route names accounts or rating plans), metrics (stat IDs)
    /// and resource usage (resource IDs), then the deferred filter rules against that data. Null when the route is
    /// left out; a failure that <c>*rouIgnoreErrors</c> does not cover sets <see cref="Error"/>.
    /// </summary>
    private async ValueTask<SortedRoute?> PopulateAsync(RouteProfile profile, Route route, IReadOnlyList<FilterRule> deferred)
    {
        var sorted = new SortedRoute(route);
        if (route.AccountIds.Count != 0 || route.RatingPlanIds.Count != 0)
        {
            var (costData, error) = await CostForEventAsync(route).ConfigureAwait(false);
            if (error is not null)
            {
                return Ignore(route, error);
            }
            if (costData.Count == 0)
            {
                Warn($"ignoring route with ID: {route.Id}, missing cost information");
                return null;
            }
            if (_maxCost != 0 && costData.TryGetValue(SortingDataKeys.Cost, out var cost) && cost is decimal amount && amount > _maxCost)
            {
                Warn($"ignoring route with ID: {route.Id}, err: {MaxCostExceeded}");
                return null;
            }
            foreach (var (key, value) in costData)
            {
                sorted.Set(key, value);
            }
        }
        if (route.StatIds.Count != 0)
        {
            if (profile.Sorting == RouteSortings.LoadDistribution)
            {
                var (load, error) = await LoadAsync(route.StatIds).ConfigureAwait(false);
                if (error is not null)
                {
                    return Ignore(route, error);
                }
                sorted.Set(SortingDataKeys.Load, load);
            }
            else
            {
                var (metrics, error) = await MetricsAsync(route.StatIds).ConfigureAwait(false);
                if (error is not null)
                {
                    return Ignore(route, error);
                }
                foreach (var (metric, value) in metrics)
                {
                    sorted.Set(metric, value);
                }
                // A route lacking a sorting metric sorts last: -1 where higher is better, MaxFloat64 for *pdd.
                foreach (var metric in profile.SortingParameters)
                {
                    if (!metrics.ContainsKey(metric))
                    {
                        sorted.Set(metric, metric == SortingDataKeys.Pdd ? double.MaxValue : -1m);
                    }
                }
            }
        }
        if (route.ResourceIds.Count != 0)
        {
            var (usage, error) = await ResourceUsageAsync(route.ResourceIds).ConfigureAwait(false);
            if (error is not null)
            {
                return Ignore(route, error);
            }
            sorted.Set(SortingDataKeys.ResourceUsage, usage);
        }
        if (deferred.Count != 0)
        {
            var data = new FilterEvent(ev.Event, vars: sorted.SortingData);
            // Not covered by *rouIgnoreErrors, as in CGRateS.
            if (!RouteFilters.PassDeferred(service.Filters, ev.Tenant, deferred, data, now, out var error))
            {
                if (error is not null)
                {
                    Fail(error);
                }
                return null;
            }
        }
        return sorted;
    }

    private SortedRoute? Ignore(Route route, string error)
    {
        if (_ignoreErrors)
        {
            Warn($"ignoring route with ID: {route.Id}, err: {error}");
            return null;
        }
        Fail(error);
        return null;
    }

    /// <summary>
    /// statMetrics: every metric of every queue, averaged over the queues reporting it. CGRateS parity: a failed
    /// lookup is only logged, but the error of the last lookup is still returned, so a route whose last queue is
    /// unknown fails (NOT_FOUND) unless errors are ignored.
    /// </summary>
    private async ValueTask<(Dictionary<string, decimal> Metrics, string? Error)> MetricsAsync(IReadOnlyList<string> statIds)
    {
        var averaged = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (service.Stats is not { } stats)
        {
            return (averaged, null);
        }
        var collected = new Dictionary<string, List<decimal>>(StringComparer.Ordinal);
        string? error = null;
        foreach (var statId in statIds)
        {
            var reply = await stats.GetFloatMetricsAsync(ev.Tenant, statId, cancellationToken).ConfigureAwait(false);
            error = reply.Error;
            WarnStatError(error, statId);
            Collect(collected, reply.Metrics);
        }
        foreach (var (metric, values) in collected)
        {
            averaged[metric] = values.Sum() / values.Count;
        }
        return (averaged, error);
    }

    /// <summary>statMetricsForLoadDistribution: the sum of every metric of the queues, or of the one metric named as
    /// <c>StatID:MetricID</c> (an error when the queue lacks it). The last lookup's error is returned, as above.</summary>
    private async ValueTask<(decimal Load, string? Error)> LoadAsync(IReadOnlyList<string> statIds)
    {
        if (service.Stats is not { } stats)
        {
            return (0, null);
        }
        var collected = new Dictionary<string, List<decimal>>(StringComparer.Ordinal);
        string? error = null;
        foreach (var statWithMetric in statIds)
        {
            var parts = statWithMetric.Split(':');
            var reply = await stats.GetFloatMetricsAsync(ev.Tenant, parts[0], cancellationToken).ConfigureAwait(false);
            error = reply.Error;
            WarnStatError(error, parts[0]);
            var metrics = reply.Metrics ?? new Dictionary<string, decimal>();
            if (parts.Length == 2)
            {
                if (!metrics.TryGetValue(parts[1], out var value))
                {
                    return (0, $"<RouteS> error: {ErrorCodes.NotFound} metric {parts[1]} for statID: {parts[0]}");
                }
                Collect(collected, new Dictionary<string, decimal> { [parts[1]] = value });
                continue;
            }
            Collect(collected, metrics);
        }
        return (collected.Values.Sum(values => values.Sum()), error);
    }

    /// <summary>resourceUsage: the total usage of the resources; failed lookups count nothing, and the last lookup's
    /// error is returned as with the metrics.</summary>
    private async ValueTask<(decimal Usage, string? Error)> ResourceUsageAsync(IReadOnlyList<string> resourceIds)
    {
        if (service.Resources is not { } resources)
        {
            return (0, null);
        }
        decimal total = 0;
        string? error = null;
        foreach (var resourceId in resourceIds)
        {
            var reply = await resources.GetTotalUsageAsync(ev.Tenant, resourceId, cancellationToken).ConfigureAwait(false);
            error = reply.Error;
            if (error is not null && error != ErrorCodes.NotFound)
            {
                Warn($"error: {error} getting resource for ID : {resourceId}");
                continue;
            }
            total += reply.TotalUsage;
        }
        return (total, error);
    }

    private void WarnStatError(string? error, string statId)
    {
        if (error is not null && error != ErrorCodes.NotFound)
        {
            Warn($"error: {error} getting statMetrics for stat : {statId}");
        }
    }

    private static void Collect(Dictionary<string, List<decimal>> collected, IReadOnlyDictionary<string, decimal>? metrics)
    {
        if (metrics is null)
        {
            return;
        }
        foreach (var (metric, value) in metrics)
        {
            if (!collected.TryGetValue(metric, out var values))
            {
                collected[metric] = values = [];
            }
            values.Add(value);
        }
    }
}
