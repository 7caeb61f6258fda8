using NodaTime;
using Obol.TariffPlans;

namespace Obol.Filters;

/// <summary>A compiled filter profile (engine/filters.go Filter): every rule must pass while it is active.</summary>
public sealed class Filter
{
    public Filter(string tenant, string id, IReadOnlyList<FilterRule> rules, ActivationWindow? activation = null)
    {
        Tenant = tenant;
        Id = id;
        Rules = rules;
        Activation = activation;
    }

    public string Tenant { get; }

    public string Id { get; }

    public IReadOnlyList<FilterRule> Rules { get; }

    public ActivationWindow? Activation { get; }

    /// <summary>Whether the filter applies at <paramref name="at"/>: no activation window, or inside it.</summary>
    public bool IsActiveAt(Instant at) => Activation is not { } window || window.IsActiveAt(at);

    public string TenantId => $"{Tenant}:{Id}";

    public static bool IsInline(string filterId) => filterId.StartsWith('*');

    /// <summary>Compiles a Filters.csv profile; the message of the exception names the filter.</summary>
    public static Filter FromTp(TpFilter filter, DateTimeZone zone, Instant now)
    {
        try
        {
            var rules = filter.Rules.Select(r => FilterRule.Create(r.Type, r.Element, r.Values)).ToArray();
            var activation = filter.ActivationInterval is { } ai ? ActivationWindow.From(ai, zone, now) : (ActivationWindow?)null;
            return new Filter(filter.Tenant, filter.Id, rules, activation);
        }
        catch (FilterDefinitionException e)
        {
            throw new FilterDefinitionException($"filter {filter.Tenant}:{filter.Id}: {e.Message}", e);
        }
    }

    /// <summary>
    /// engine/filters.go NewFilterFromInline: <c>*type:element:values</c>, split on the first two colons outside
    /// <c>[...]</c>; the values are separated by <c>|</c> (utils.PipeSep), a <c>&lt;...&gt;</c> part never splits.
    /// </summary>
    public static Filter FromInline(string tenant, string inline)
    {
        if (!TrySplitInline(inline, out var type, out var element, out var values))
        {
            throw new FilterDefinitionException($"inline parse error for string: <{inline}>");
        }
        try
        {
            return new Filter(tenant, inline, [FilterRule.Create(type, element, values)]);
        }
        catch (FilterDefinitionException e)
        {
            throw new FilterDefinitionException($"inline filter <{inline}>: {e.Message}", e);
        }
    }

    private static bool TrySplitInline(string inline, out string type, out string element, out string[] values)
    {
        type = element = "";
        values = [];
        var nesting = 0;
        var first = -1;
        for (var i = 0; i < inline.Length; i++)
        {
            switch (inline[i])
            {
                case '[':
                    nesting++;
                    break;
                case ']':
                    nesting--;
                    break;
                case ':' when nesting == 0:
                    if (first < 0)
                    {
                        first = i;
                        break;
                    }
                    type = inline[..first];
                    element = inline[(first + 1)..i];
                    var rest = inline[(i + 1)..];
                    values = rest.Length == 0 ? [] : SplitValues(rest, '|');
                    return true;
            }
        }
        return false;
    }

    /// <summary>engine/filters.go splitDynFltrValues.</summary>
    internal static string[] SplitValues(string value, char separator)
    {
        var start = value.IndexOf('<', StringComparison.Ordinal);
        var end = value.IndexOf('>', StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return value.Split(separator);
        }
        var values = value[..start].Split(separator);
        values[^1] += value[start..(end + 1)];
        var rest = value[(end + 1)..];
        if (rest.Length == 0)
        {
            return values;
        }
        var tail = SplitValues(rest, separator);
        values[^1] += tail[0];
        return [.. values, .. tail[1..]];
    }

    public override string ToString() => TenantId;
}
