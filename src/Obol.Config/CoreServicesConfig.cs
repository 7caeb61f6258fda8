using Obol.Primitives;

namespace Obol.Config;

/// <summary>The <c>rals</c> section: rating and accounting.</summary>
public sealed record RalsConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> ThresholdsConns { get; init; } = [];
    public IReadOnlyList<string> StatsConns { get; init; } = [];
    public IReadOnlyList<string> SessionsConns { get; init; } = [];
    public bool RpSubjectPrefixMatching { get; init; }
    public bool RemoveExpired { get; init; }
    /// <summary>Per ToR (<c>*any</c>, <c>*voice</c>, <c>*data</c>, ...): usage never rated beyond this.</summary>
    public IReadOnlyDictionary<string, Usage> MaxComputedUsage { get; init; } = new Dictionary<string, Usage>();
    public int MaxIncrements { get; init; }
    public int FallbackDepth { get; init; }
    /// <summary>Per ToR: rating subject of balances that name none (<c>*zero1s</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> BalanceRatingSubject { get; init; } = new Dictionary<string, string>();
}

/// <summary>The <c>schedulers</c> section: the action-plan scheduler.</summary>
public sealed record SchedulersConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> CdrsConns { get; init; } = [];
    public IReadOnlyList<string> ThresholdsConns { get; init; } = [];
    public IReadOnlyList<string> StatsConns { get; init; } = [];
    public IReadOnlyList<string> Filters { get; init; } = [];
    public IReadOnlyList<string> DynaprepaidActionPlans { get; init; } = [];
}

/// <summary>The <c>cdrs</c> section: the CDR server.</summary>
public sealed record CdrsConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> ExtraFields { get; init; } = [];
    public bool StoreCdrs { get; init; }
    public bool CompressStoredCost { get; init; }
    /// <summary>Also read from <c>sessions_cost_retries</c>, the spelling the CGRateS tutorials still use.</summary>
    public int SessionCostRetries { get; init; }
    public IReadOnlyList<string> ChargersConns { get; init; } = [];
    public IReadOnlyList<string> RalsConns { get; init; } = [];
    public IReadOnlyList<string> AttributesConns { get; init; } = [];
    public IReadOnlyList<string> ThresholdsConns { get; init; } = [];
    public IReadOnlyList<string> StatsConns { get; init; } = [];
    public IReadOnlyList<string> OnlineCdrExports { get; init; } = [];
    public IReadOnlyList<string> SchedulerConns { get; init; } = [];
    public IReadOnlyList<string> EesConns { get; init; } = [];
}

/// <summary>The <c>apiers</c> section: the APIerSv1/APIerSv2 services.</summary>
public sealed record ApiersConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> CachesConns { get; init; } = [];
    public IReadOnlyList<string> SchedulerConns { get; init; } = [];
    public IReadOnlyList<string> AttributesConns { get; init; } = [];
    public IReadOnlyList<string> EesConns { get; init; } = [];
}

/// <summary>The <c>loader</c> section: what cgr-loader loads and whom it tells.</summary>
public sealed record LoaderCgrConfig
{
    /// <summary>Non-empty: load into stor_db under this TPid instead of into data_db.</summary>
    public string TpId { get; init; } = "";
    public string DataPath { get; init; } = "";
    public bool DisableReverse { get; init; }
    public string FieldSeparator { get; init; } = ",";
    public IReadOnlyList<string> CachesConns { get; init; } = [];
    public IReadOnlyList<string> SchedulerConns { get; init; } = [];
    /// <summary>A path, or the credentials JSON itself.</summary>
    public string GapiCredentials { get; init; } = "";
    public string GapiToken { get; init; } = "";
}

/// <summary>The <c>filters</c> section: connections used by filters that query other services.</summary>
public sealed record FiltersConfig
{
    public IReadOnlyList<string> StatsConns { get; init; } = [];
    public IReadOnlyList<string> ResourcesConns { get; init; } = [];
    public IReadOnlyList<string> ApiersConns { get; init; } = [];
    public IReadOnlyList<string> TrendsConns { get; init; } = [];
    public IReadOnlyList<string> RankingsConns { get; init; } = [];
}

/// <summary>The <c>caches</c> section.</summary>
public sealed record CachesConfig
{
    public IReadOnlyDictionary<string, CachePartitionConfig> Partitions { get; init; } = new Dictionary<string, CachePartitionConfig>();
    public IReadOnlyList<string> ReplicationConns { get; init; } = [];
    public IReadOnlyList<string> RemoteConns { get; init; } = [];
}

/// <summary>One cache partition: <see cref="Limit"/> -1 is unlimited, 0 turns caching off; a zero TTL never expires.</summary>
public sealed record CachePartitionConfig
{
    public int Limit { get; init; } = -1;
    public Usage Ttl { get; init; }
    public bool StaticTtl { get; init; }
    public bool Precache { get; init; }
    public bool Remote { get; init; }
    public bool Replicate { get; init; }
}
