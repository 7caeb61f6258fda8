using Obol.Primitives;

namespace Obol.Config;

/// <summary>How a profile service (AttributeS, ChargerS, ...) matches profiles through filter indexes.</summary>
public sealed record IndexingConfig
{
    /// <summary>Match profiles through indexes only.</summary>
    public bool IndexedSelects { get; init; } = true;
    /// <summary>Null (the default) indexes every field; a list restricts the string index to those fields.</summary>
    public IReadOnlyList<string>? StringIndexedFields { get; init; }
    public IReadOnlyList<string> PrefixIndexedFields { get; init; } = [];
    public IReadOnlyList<string> SuffixIndexedFields { get; init; } = [];
    public IReadOnlyList<string> ExistsIndexedFields { get; init; } = [];
    public bool NestedFields { get; init; }
}

/// <summary>The <c>attributes</c> section.</summary>
public sealed record AttributesConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> StatsConns { get; init; } = [];
    public IReadOnlyList<string> ResourcesConns { get; init; } = [];
    public IReadOnlyList<string> ApiersConns { get; init; } = [];
    public IndexingConfig Indexing { get; init; } = new();
    public bool AnyContext { get; init; }
    public IReadOnlyList<string> ProfileIds { get; init; } = [];
    /// <summary>Times one profile may apply per event; 0 is unlimited.</summary>
    public int ProfileRuns { get; init; }
    public int ProcessRuns { get; init; } = 1;
    public bool ProfileIgnoreFilters { get; init; }
}

/// <summary>The <c>chargers</c> section.</summary>
public sealed record ChargersConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> AttributesConns { get; init; } = [];
    public IndexingConfig Indexing { get; init; } = new();
}

/// <summary>The <c>dispatchers</c> section.</summary>
public sealed record DispatchersConfig
{
    public bool Enabled { get; init; }
    public IndexingConfig Indexing { get; init; } = new();
    public IReadOnlyList<string> AttributesConns { get; init; } = [];
    public bool AnySubsystem { get; init; } = true;
    public bool PreventLoops { get; init; }
}

/// <summary>The <c>trends</c> and <c>rankings</c> sections: scheduled StatS queries.</summary>
public sealed record StatQueriesConfig
{
    public bool Enabled { get; init; }
    /// <summary>Null never stores; negative stores at every run; a positive interval stores the changed ones that often.</summary>
    public Usage? StoreInterval { get; init; }
    public int StoreUncompressedLimit { get; init; }
    public IReadOnlyList<string> StatsConns { get; init; } = [];
    /// <summary>Tenant to the IDs scheduled at start; a tenant with no IDs schedules all of its profiles, an empty map
    /// every profile.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ScheduledIds { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyList<string> ThresholdsConns { get; init; } = [];
    public IReadOnlyList<string> EesConns { get; init; } = [];
    public IReadOnlyList<string> EesExporterIds { get; init; } = [];
}

/// <summary>The <c>resources</c> section.</summary>
public sealed record ResourcesConfig
{
    public bool Enabled { get; init; }
    /// <summary>Null never stores; zero stores at start and shutdown only.</summary>
    public Usage? StoreInterval { get; init; }
    public IReadOnlyList<string> ThresholdsConns { get; init; } = [];
    public IndexingConfig Indexing { get; init; } = new();
    public string UsageId { get; init; } = "";
    public Usage? UsageTtl { get; init; }
    public decimal Units { get; init; } = 1;
}

/// <summary>The <c>ips</c> section.</summary>
public sealed record IpsConfig
{
    public bool Enabled { get; init; }
    /// <summary>Null or negative stores with every change; zero never while running; positive that often.</summary>
    public Usage? StoreInterval { get; init; }
    public IndexingConfig Indexing { get; init; } = new();
    public string AllocationId { get; init; } = "";
    /// <summary>opts.*ttl: read and shown, as in CGRateS, whose IPs do not use it; a profile's TTL is what expires
    /// allocations.</summary>
    public Usage? Ttl { get; init; }
}

/// <summary>The <c>stats</c> section.</summary>
public sealed record StatsConfig
{
    public bool Enabled { get; init; }
    public Usage? StoreInterval { get; init; }
    public int StoreUncompressedLimit { get; init; }
    public IReadOnlyList<string> ThresholdsConns { get; init; } = [];
    public IReadOnlyList<string> EesConns { get; init; } = [];
    public IReadOnlyList<string> EesExporterIds { get; init; } = [];
    public IndexingConfig Indexing { get; init; } = new();
    public IReadOnlyList<string> ProfileIds { get; init; } = [];
    public bool ProfileIgnoreFilters { get; init; }
}

/// <summary>The <c>thresholds</c> section.</summary>
public sealed record ThresholdsConfig
{
    public bool Enabled { get; init; }
    public Usage? StoreInterval { get; init; }
    public IReadOnlyList<string> SessionsConns { get; init; } = [];
    public IReadOnlyList<string> ApiersConns { get; init; } = [];
    public IReadOnlyList<string> EesConns { get; init; } = [];
    public IReadOnlyList<string> EesExporterIds { get; init; } = [];
    public IndexingConfig Indexing { get; init; } = new();
    public IReadOnlyList<string> ProfileIds { get; init; } = [];
    public bool ProfileIgnoreFilters { get; init; }
}

/// <summary>The <c>routes</c> section (read from <c>suppliers</c> too, its name before CGRateS 0.11).</summary>
public sealed record RoutesConfig
{
    public bool Enabled { get; init; }
    public IndexingConfig Indexing { get; init; } = new();
    public IReadOnlyList<string> AttributesConns { get; init; } = [];
    public IReadOnlyList<string> ResourcesConns { get; init; } = [];
    public IReadOnlyList<string> StatsConns { get; init; } = [];
    public IReadOnlyList<string> RalsConns { get; init; } = [];
    public int DefaultRatio { get; init; } = 1;
    public string Context { get; init; } = "*routes";
    public bool IgnoreErrors { get; init; }
    /// <summary>As written: empty, a number, or <c>*event_cost</c>.</summary>
    public string MaxCost { get; init; } = "";
    public int? Limit { get; init; }
    public int? Offset { get; init; }
    public int? ProfileCount { get; init; }
}
