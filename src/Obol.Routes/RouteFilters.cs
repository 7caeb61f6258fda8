using NodaTime;
using Obol.Filters;

namespace Obol.Routes;

/// <summary>
/// FilterS.LazyPass for route filters: rules reading only the event and the subsystems (<c>~*req</c>,
/// <c>~*accounts</c>, <c>~*resources</c>, <c>~*stats</c>) are checked at once; any other rule — typically one on
/// <c>~*vars.Cost</c> or another sorting-data field — is deferred until the route's sorting data is known
/// (<see cref="PassDeferred"/>). A filter outside its activation window is skipped.
/// </summary>
internal static class RouteFilters
{
    private static readonly string[] s_eventPrefixes = ["~*req", "~*accounts", "~*resources", "~*stats"];

    public readonly record struct Outcome(bool Passed, IReadOnlyList<FilterRule> Deferred, string? Error);

    public static Outcome Check(FilterService filters, string tenant, IReadOnlyList<string> filterIds, IDataProvider data, Instant now)
    {
        if (filterIds.Count == 0)
        {
            return new Outcome(true, [], null);
        }
        var context = new EvaluationContext(data, tenant, now, filters.Environment);
        List<FilterRule>? deferred = null;
        foreach (var id in filterIds)
        {
            if (filters.Resolve(tenant, id, out var error) is not { } filter)
            {
                return new Outcome(false, [], error);
            }
            if (filter.Activation is { } window && !window.IsActiveAt(now))
            {
                continue;
            }
            foreach (var rule in filter.Rules)
            {
                if (!ReadsEventOnly(rule))
                {
                    (deferred ??= []).Add(rule);
                    continue;
                }
                try
                {
                    if (!rule.Pass(context))
                    {
                        return new Outcome(false, [], null);
                    }
                }
                catch (FilterEvaluationException e)
                {
                    return new Outcome(false, [], e.Message);
                }
            }
        }
        return new Outcome(true, (IReadOnlyList<FilterRule>?)deferred ?? [], null);
    }

    /// <summary>The deferred rules against <c>*req</c> (the event) and <c>*vars</c> (the sorting data); CGRateS gives
    /// them no <c>*opts</c>. False with the error when a rule cannot be evaluated.</summary>
    public static bool PassDeferred(FilterService filters, string tenant, IReadOnlyList<FilterRule> rules, FilterEvent data, Instant now,
        out string? error)
    {
        error = null;
        var context = new EvaluationContext(data, tenant, now, filters.Environment);
        foreach (var rule in rules)
        {
            try
            {
                if (!rule.Pass(context))
                {
                    return false;
                }
            }
            catch (FilterEvaluationException e)
            {
                error = e.Message;
                return false;
            }
        }
        return true;
    }

    /// <summary>engine/filters.go verifyPrefixes: every <c>~</c> element or value starts with an event prefix.</summary>
    private static bool ReadsEventOnly(FilterRule rule)
    {
        if (rule.Element.Rules.StartsWith('~') && !HasEventPrefix(rule.Element.Rules))
        {
            return false;
        }
        foreach (var value in rule.Values)
        {
            if (value.StartsWith('~') && !HasEventPrefix(value))
            {
                return false;
            }
        }
        return true;
    }

    private static bool HasEventPrefix(string path)
    {
        foreach (var prefix in s_eventPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
