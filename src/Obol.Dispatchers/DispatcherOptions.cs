using Obol.Filters;

namespace Obol.Dispatchers;

/// <summary>The cgrates.json <c>"dispatchers"</c> section (config/dispatcherscfg.go) plus general.default_tenant.</summary>
public sealed record DispatcherOptions
{
    public static readonly DispatcherOptions Default = new();

    public FilterIndexOptions Index { get; init; } = new();

    /// <summary><c>any_subsystem</c>: profiles of <c>*any</c> join the subsystem's own, not only stand in when it has none.</summary>
    public bool AnySubsystem { get; init; } = true;

    /// <summary><c>prevent_loops</c>: a request another dispatcher forwarded (<c>*subsys: *dispatchers</c>) is answered here.</summary>
    public bool PreventLoops { get; init; }

    public string DefaultTenant { get; init; } = "cgrates.org";
}
