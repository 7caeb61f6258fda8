using System.Collections.Frozen;
using NodaTime;
using Obol.TariffPlans;

namespace Obol.Filters;

/// <summary>An immutable set of compiled filter profiles, keyed by tenant and id.</summary>
public sealed class FilterTable : IFilterStore
{
    private readonly FrozenDictionary<(string Tenant, string Id), Filter> _filters;

    public FilterTable(IEnumerable<Filter> filters)
    {
        _filters = filters.ToFrozenDictionary(f => (f.Tenant, f.Id));
    }

    public int Count => _filters.Count;

    /// <summary>Compiles every Filters.csv profile; all problems are reported together.</summary>
    public static FilterTable FromTp(IEnumerable<TpFilter> filters, DateTimeZone zone, Instant now)
    {
        var compiled = new List<Filter>();
        var problems = new List<string>();
        foreach (var tp in filters)
        {
            try
            {
                compiled.Add(Filter.FromTp(tp, zone, now));
            }
            catch (FilterDefinitionException e)
            {
                problems.Add($"{tp.Location}: {e.Message}");
            }
        }
        return problems.Count == 0 ? new FilterTable(compiled) : throw new FilterDefinitionException(string.Join(Environment.NewLine, problems));
    }

    public Filter? FindFilter(string tenant, string id) => _filters.GetValueOrDefault((tenant, id));
}
