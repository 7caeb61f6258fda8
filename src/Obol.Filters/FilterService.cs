using System.Collections.Concurrent;
using NodaTime;
using Obol.Primitives;

namespace Obol.Filters;

/// <summary>
/// FilterS (engine/filters.go): decides whether an event passes a list of filter ids. Stored filters come from an
/// <see cref="IFilterStore"/>; inline ones (<c>*type:element:values</c>) are compiled on first use and cached.
/// </summary>
public sealed class FilterService(IFilterStore store, FilterEnvironment? environment = null)
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), Filter> _inline = new();

    public FilterEnvironment Environment { get; } = environment ?? FilterEnvironment.Default;

    /// <summary>
    /// FilterS.Pass: no ids passes; an unknown id is <c>NOT_FOUND:id</c>; a filter outside its activation window is
    /// skipped, so ids that are all inactive fail; otherwise every rule of every active filter must pass.
    /// </summary>
    public FilterOutcome Pass(string tenant, IReadOnlyList<string> filterIds, IDataProvider data, Instant now)
    {
        if (filterIds.Count == 0)
        {
            return FilterOutcome.Pass;
        }
        var context = new EvaluationContext(data, tenant, now, Environment);
        var passed = false;
        for (var i = 0; i < filterIds.Count; i++)
        {
            var filter = Resolve(tenant, filterIds[i], out var error);
            if (filter is null)
            {
                return FilterOutcome.Failure(error!);
            }
            if (!filter.IsActiveAt(now))
            {
                continue;
            }
            var rules = filter.Rules;
            try
            {
                for (var r = 0; r < rules.Count; r++)
                {
                    if (!rules[r].Pass(context))
                    {
                        return FilterOutcome.Fail;
                    }
                }
            }
            catch (FilterEvaluationException e)
            {
                return FilterOutcome.Failure(e.Message);
            }
            passed = true;
        }
        return passed ? FilterOutcome.Pass : FilterOutcome.Fail;
    }

    /// <summary>The compiled filter for an id (stored or inline), or null with CGRateS's error text.</summary>
    public Filter? Resolve(string tenant, string filterId, out string? error)
    {
        error = null;
        if (store.FindFilter(tenant, filterId) is { } stored)
        {
            return stored;
        }
        if (!Filter.IsInline(filterId))
        {
            error = $"{ErrorCodes.NotFound}:{filterId}";
            return null;
        }
        if (_inline.TryGetValue((tenant, filterId), out var cached))
        {
            return cached;
        }
        try
        {
            return _inline.GetOrAdd((tenant, filterId), Filter.FromInline(tenant, filterId));
        }
        catch (FilterDefinitionException e)
        {
            // Plans are validated at load (TariffPlans.InlineFilters); this is an id that came in over the API.
            error = e.Message;
            return null;
        }
    }

    /// <summary>Compiles every inline id of a profile so a bad one is a load error, not an event-time one.</summary>
    public static IReadOnlyList<string> CheckInline(IEnumerable<string> filterIds)
    {
        var problems = new List<string>();
        foreach (var id in filterIds)
        {
            if (!Filter.IsInline(id))
            {
                continue;
            }
            try
            {
                Filter.FromInline("", id);
            }
            catch (FilterDefinitionException e)
            {
                problems.Add(e.Message);
            }
        }
        return problems;
    }
}
