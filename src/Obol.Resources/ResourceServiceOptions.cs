using Obol.Filters;
using Obol.Primitives;

namespace Obol.Resources;

/// <summary>The cgrates.json "resources" section as ResourceS uses it.</summary>
public sealed record ResourceServiceOptions
{
    public static readonly ResourceServiceOptions Default = new();

    /// <summary>indexed_selects and the *_indexed_fields lists.</summary>
    public FilterIndexOptions Index { get; init; } = FilterIndexOptions.Default;

    /// <summary>general.default_tenant, for events without a tenant.</summary>
    public string DefaultTenant { get; init; } = "cgrates.org";

    /// <summary>resources.opts.*usageID.</summary>
    public string UsageId { get; init; } = "";

    /// <summary>resources.opts.*usageTTL; null uses each profile's UsageTTL.</summary>
    public Usage? UsageTtl { get; init; }

    /// <summary>
    /// resources.store_interval: unset or negative stores a stored resource with every change; positive marks it and
    /// <see cref="ResourceService.StoreDirtyAsync"/> stores the marked ones (the engine calls it that often and at
    /// shutdown); zero never stores while running, as CGRateS's default.
    /// </summary>
    public Usage? StoreInterval { get; init; }

    /// <summary>resources.opts.*units.</summary>
    public decimal Units { get; init; } = 1;

    /// <summary>
    /// caches.partitions.*event_resources.limit: how many usage IDs remember the resources they matched (CGRateS
    /// default -1, unlimited, which grows with every distinct usage ID until a profile changes); 0 turns the memory
    /// off. Beyond the limit an arbitrary entry is dropped.
    /// </summary>
    public int EventResourcesLimit { get; init; } = -1;
}
