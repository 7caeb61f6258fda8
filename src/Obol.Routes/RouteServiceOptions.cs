using Obol.Filters;
using Obol.Primitives;

namespace Obol.Routes;

/// <summary>The cgrates.json "routes" section as RouteS uses it (the connections are the ports given to the service).</summary>
public sealed record RouteServiceOptions
{
    public static readonly RouteServiceOptions Default = new();

    /// <summary>indexed_selects and the *_indexed_fields lists.</summary>
    public FilterIndexOptions Index { get; init; } = FilterIndexOptions.Default;

    /// <summary>general.default_tenant, for events without a tenant.</summary>
    public string DefaultTenant { get; init; } = "cgrates.org";

    /// <summary>routes.default_ratio: the <c>*load</c> ratio of a route the profile gives none.</summary>
    public int DefaultRatio { get; init; } = 1;

    /// <summary>routes.opts.*ignoreErrors.</summary>
    public bool IgnoreErrors { get; init; }

    /// <summary>routes.opts.*maxCost: empty for none, a number, or <c>*event_cost</c>.</summary>
    public string MaxCost { get; init; } = "";

    /// <summary>routes.opts.*limit.</summary>
    public int? Limit { get; init; }

    /// <summary>routes.opts.*offset.</summary>
    public int? Offset { get; init; }

    /// <summary>routes.opts.*profileCount.</summary>
    public int? ProfileCount { get; init; }

    /// <summary>The usage a route cost is computed for when the event has none (CGRateS: one minute).</summary>
    public static Usage DefaultUsage => Usage.FromMinutes(1);
}
