using Obol.Filters;
using Obol.Primitives;

namespace Obol.Ips;

/// <summary>The cgrates.json "ips" section as IPs uses it.</summary>
public sealed record IpServiceOptions
{
    public static readonly IpServiceOptions Default = new();

    /// <summary>indexed_selects and the *_indexed_fields lists.</summary>
    public FilterIndexOptions Index { get; init; } = FilterIndexOptions.Default;

    /// <summary>general.default_tenant, for events without a tenant.</summary>
    public string DefaultTenant { get; init; } = "cgrates.org";

    /// <summary>ips.opts.*allocationID: the allocation ID of an event whose APIOpts carry none.</summary>
    public string AllocationId { get; init; } = "";

    /// <summary>ips.store_interval, read as <see cref="StateBackup"/> reads it.</summary>
    public Usage? StoreInterval { get; init; }

    /// <summary>caches.partitions.*event_ips.limit: how many allocation IDs remember the profile they matched; 0 turns
    /// the memory off, negative is unlimited.</summary>
    public int EventIpsLimit { get; init; } = -1;
}
