using System.Text.Json;
using Obol.Primitives;

namespace Obol.Config;

internal static partial class ConfigBinder
{
    private static SchedulersConfig BindSchedulers(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        CdrsConns = r.Strings("cdrs_conns"),
        ThresholdsConns = r.Strings("thresholds_conns"),
        StatsConns = r.Strings("stats_conns"),
        Filters = r.Strings("filters"),
        DynaprepaidActionPlans = r.Strings("dynaprepaid_actionplans"),
    };

    private static CachesConfig BindCaches(SectionReader r) => new()
    {
        Partitions = CacheParams(r.ObjectOrEmpty("partitions")),
        ReplicationConns = r.Strings("replication_conns"),
        RemoteConns = r.Strings("remote_conns"),
    };

    private static Dictionary<string, CachePartitionConfig> CacheParams(SectionReader map)
    {
        var result = new Dictionary<string, CachePartitionConfig>(StringComparer.Ordinal);
        foreach (var (name, _) in map.Node)
        {
            if (map.Object(name) is { } p)
            {
                result[name] = new CachePartitionConfig
                {
                    Limit = p.Int("limit", -1),
                    Ttl = p.Duration("ttl"),
                    StaticTtl = p.Bool("static_ttl"),
                    Precache = p.Bool("precache"),
                    Remote = p.Bool("remote"),
                    Replicate = p.Bool("replicate"),
                };
            }
        }
        return result;
    }

    private static FiltersConfig BindFilters(SectionReader r) => new()
    {
        StatsConns = r.Strings("stats_conns"),
        ResourcesConns = r.Strings("resources_conns"),
        ApiersConns = r.Strings("apiers_conns"),
        TrendsConns = r.Strings("trends_conns"),
        RankingsConns = r.Strings("rankings_conns"),
    };

    private static RalsConfig BindRals(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        ThresholdsConns = r.Strings("thresholds_conns"),
        StatsConns = r.Strings("stats_conns"),
        SessionsConns = r.Strings("sessions_conns"),
        RpSubjectPrefixMatching = r.Bool("rp_subject_prefix_matching"),
        RemoveExpired = r.Bool("remove_expired"),
        MaxComputedUsage = r.DurationMap("max_computed_usage"),
        MaxIncrements = r.Int("max_increments"),
        FallbackDepth = r.Int("fallback_depth"),
        BalanceRatingSubject = r.StringMap("balance_rating_subject"),
    };

    private static CdrsConfig BindCdrs(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        ExtraFields = r.Strings("extra_fields"),
        StoreCdrs = r.Bool("store_cdrs"),
        CompressStoredCost = r.Bool("compress_stored_cost"),
        SessionCostRetries = r.Int("session_cost_retries"),
        ChargersConns = r.Strings("chargers_conns"),
        RalsConns = r.Strings("rals_conns"),
        AttributesConns = r.Strings("attributes_conns"),
        ThresholdsConns = r.Strings("thresholds_conns"),
        StatsConns = r.Strings("stats_conns"),
        OnlineCdrExports = r.Strings("online_cdr_exports"),
        SchedulerConns = r.Strings("scheduler_conns"),
        EesConns = r.Strings("ees_conns"),
    };

    private static SessionsConfig BindSessions(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        ApiersConns = r.Strings("apiers_conns"),
        ChargersConns = r.Strings("chargers_conns"),
        RalsConns = r.Strings("rals_conns"),
        CdrsConns = r.Strings("cdrs_conns"),
        IpsConns = r.Strings("ips_conns"),
        ResourcesConns = r.Strings("resources_conns"),
        ThresholdsConns = r.Strings("thresholds_conns"),
        StatsConns = r.Strings("stats_conns"),
        RoutesConns = r.Strings("routes_conns"),
        AttributesConns = r.Strings("attributes_conns"),
        ReplicationConns = r.Strings("replication_conns"),
        SchedulerConns = r.Strings("scheduler_conns"),
        DebitInterval = r.Duration("debit_interval"),
        StoreSessionCosts = r.Bool("store_session_costs"),
        DefaultUsage = r.DurationMap("default_usage"),
        SessionTtl = r.Duration("session_ttl"),
        SessionTtlMaxDelay = r.OptionalDuration("session_ttl_max_delay"),
        SessionTtlLastUsed = r.OptionalDuration("session_ttl_last_used"),
        SessionTtlUsage = r.OptionalDuration("session_ttl_usage"),
        SessionTtlLastUsage = r.OptionalDuration("session_ttl_last_usage"),
        SessionIndexes = r.Strings("session_indexes"),
        ClientProtocol = r.Decimal("client_protocol"),
        ChannelSyncInterval = r.Duration("channel_sync_interval"),
        ChannelSyncTimeout = r.Duration("channel_sync_timeout"),
        StaleChanMaxExtraUsage = r.Duration("stale_chan_max_extra_usage"),
        TerminateAttempts = r.Int("terminate_attempts"),
        AlterableFields = r.Strings("alterable_fields"),
        MinDurLowBalance = r.OptionalDuration("min_dur_low_balance"),
        BackupInterval = r.Duration("backup_interval"),
        Stir = BindStir(r.ObjectOrEmpty("stir")),
    };

    private static StirConfig BindStir(SectionReader r) => new()
    {
        AllowedAttest = r.OptionalStrings("allowed_attest") ?? ["*any"],
        PayloadMaxDuration = r.Duration("payload_maxduration", new Usage(-1)),
        DefaultAttest = r.String("default_attest", "A"),
        PublicKeyPath = r.String("publickey_path"),
        PrivateKeyPath = r.String("privatekey_path"),
    };

    private static IndexingConfig BindIndexing(SectionReader r) => new()
    {
        IndexedSelects = r.Bool("indexed_selects", true),
        StringIndexedFields = r.OptionalStrings("string_indexed_fields"),
        PrefixIndexedFields = r.Strings("prefix_indexed_fields"),
        SuffixIndexedFields = r.Strings("suffix_indexed_fields"),
        ExistsIndexedFields = r.Strings("exists_indexed_fields"),
        NestedFields = r.Bool("nested_fields"),
    };

    private static AttributesConfig BindAttributes(SectionReader r)
    {
        var opts = r.ObjectOrEmpty("opts");
        return new AttributesConfig
        {
            Enabled = r.Bool("enabled"),
            StatsConns = r.Strings("stats_conns"),
            ResourcesConns = r.Strings("resources_conns"),
            ApiersConns = r.Strings("apiers_conns"),
            Indexing = BindIndexing(r),
            AnyContext = r.Bool("any_context", true),
            ProfileIds = opts.Strings("*profileIDs"),
            ProfileRuns = opts.Int("*profileRuns"),
            ProcessRuns = opts.Int("*processRuns", 1),
            ProfileIgnoreFilters = opts.Bool("*profileIgnoreFilters"),
        };
    }

    private static ChargersConfig BindChargers(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        AttributesConns = r.Strings("attributes_conns"),
        Indexing = BindIndexing(r),
    };

    private static StatQueriesConfig BindStatQueries(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        StoreInterval = r.OptionalDuration("store_interval"),
        StoreUncompressedLimit = r.Int("store_uncompressed_limit"),
        StatsConns = r.Strings("stats_conns"),
        ScheduledIds = r.RawMap("scheduled_ids").ToDictionary(e => e.Key, e => (IReadOnlyList<string>)(e.Value.ValueKind == JsonValueKind.Array
            ? [.. e.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : []), StringComparer.Ordinal),
        ThresholdsConns = r.Strings("thresholds_conns"),
        EesConns = r.Strings("ees_conns"),
        EesExporterIds = r.Strings("ees_exporter_ids"),
    };

    private static DispatchersConfig BindDispatchers(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        Indexing = BindIndexing(r),
        AttributesConns = r.Strings("attributes_conns"),
        AnySubsystem = r.Bool("any_subsystem", true),
        PreventLoops = r.Bool("prevent_loops"),
    };

    private static ResourcesConfig BindResources(SectionReader r)
    {
        var opts = r.ObjectOrEmpty("opts");
        return new ResourcesConfig
        {
            Enabled = r.Bool("enabled"),
            StoreInterval = r.OptionalDuration("store_interval"),
            ThresholdsConns = r.Strings("thresholds_conns"),
            Indexing = BindIndexing(r),
            UsageId = opts.String("*usageID"),
            UsageTtl = opts.OptionalDuration("*usageTTL"),
            Units = opts.Decimal("*units", 1),
        };
    }

    private static IpsConfig BindIps(SectionReader r)
    {
        var opts = r.ObjectOrEmpty("opts");
        return new IpsConfig
        {
            Enabled = r.Bool("enabled"),
            StoreInterval = r.OptionalDuration("store_interval"),
            Indexing = BindIndexing(r),
            AllocationId = opts.String("*allocationID"),
            Ttl = opts.OptionalDuration("*ttl"),
        };
    }

    private static StatsConfig BindStats(SectionReader r)
    {
        var opts = r.ObjectOrEmpty("opts");
        return new StatsConfig
        {
            Enabled = r.Bool("enabled"),
            StoreInterval = r.OptionalDuration("store_interval"),
            StoreUncompressedLimit = r.Int("store_uncompressed_limit"),
            ThresholdsConns = r.Strings("thresholds_conns"),
            EesConns = r.Strings("ees_conns"),
            EesExporterIds = r.Strings("ees_exporter_ids"),
            Indexing = BindIndexing(r),
            ProfileIds = opts.Strings("*profileIDs"),
            ProfileIgnoreFilters = opts.Bool("*profileIgnoreFilters"),
        };
    }

    private static ThresholdsConfig BindThresholds(SectionReader r)
    {
        var opts = r.ObjectOrEmpty("opts");
        return new ThresholdsConfig
        {
            Enabled = r.Bool("enabled"),
            StoreInterval = r.OptionalDuration("store_interval"),
            SessionsConns = r.Strings("sessions_conns"),
            ApiersConns = r.Strings("apiers_conns"),
            EesConns = r.Strings("ees_conns"),
            EesExporterIds = r.Strings("ees_exporter_ids"),
            Indexing = BindIndexing(r),
            ProfileIds = opts.Strings("*profileIDs"),
            ProfileIgnoreFilters = opts.Bool("*profileIgnoreFilters"),
        };
    }

    private static RoutesConfig BindRoutes(SectionReader r)
    {
        var opts = r.ObjectOrEmpty("opts");
        return new RoutesConfig
        {
            Enabled = r.Bool("enabled"),
            Indexing = BindIndexing(r),
            AttributesConns = r.Strings("attributes_conns"),
            ResourcesConns = r.Strings("resources_conns"),
            StatsConns = r.Strings("stats_conns"),
            RalsConns = r.Strings("rals_conns"),
            DefaultRatio = r.Int("default_ratio", 1),
            Context = opts.String("*context", "*routes"),
            IgnoreErrors = opts.Bool("*ignoreErrors"),
            // CGRateS parity: RoutesOptsJson.MaxCost is `any` (a number or a string such as *event_cost).
            MaxCost = opts.RawText("*maxCost"),
            Limit = opts.OptionalInt("*limit"),
            Offset = opts.OptionalInt("*offset"),
            ProfileCount = opts.OptionalInt("*profileCount"),
        };
    }

    private static LoaderCgrConfig BindLoader(SectionReader r) => new()
    {
        TpId = r.String("tpid"),
        DataPath = r.String("data_path"),
        DisableReverse = r.Bool("disable_reverse"),
        FieldSeparator = r.String("field_separator", ","),
        CachesConns = r.Strings("caches_conns"),
        SchedulerConns = r.Strings("scheduler_conns"),
        // CGRateS parity: LoaderCfgJson keeps these as json.RawMessage (a path or the JSON itself).
        GapiCredentials = r.RawText("gapi_credentials"),
        GapiToken = r.RawText("gapi_token"),
    };

    private static ApiersConfig BindApiers(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        CachesConns = r.Strings("caches_conns"),
        SchedulerConns = r.Strings("scheduler_conns"),
        AttributesConns = r.Strings("attributes_conns"),
        EesConns = r.Strings("ees_conns"),
    };
}
