namespace Obol.Config;

internal static partial class ConfigBinder
{
    private static FreeswitchAgentConfig BindFreeswitchAgent(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        SessionsConns = r.Strings("sessions_conns"),
        SubscribePark = r.Bool("subscribe_park", true),
        CreateCdr = r.Bool("create_cdr"),
        ExtraFields = r.Strings("extra_fields"),
        LowBalanceAnnFile = r.String("low_balance_ann_file"),
        EmptyBalanceContext = r.String("empty_balance_context"),
        EmptyBalanceAnnFile = r.String("empty_balance_ann_file"),
        MaxWaitConnection = r.Duration("max_wait_connection"),
        ActiveSessionDelimiter = r.String("active_session_delimiter", ","),
        RouteProfile = r.Bool("route_profile"),
        SchedTransferExtension = r.String("sched_transfer_extension"),
        EventSocketConns = r.Objects("event_socket_conns", c => new EventSocketConnConfig
        {
            Address = ConnAddress(c),
            Password = c.String("password"),
            Reconnects = c.Int("reconnects"),
            MaxReconnectInterval = c.Duration("max_reconnect_interval"),
            ReplyTimeout = c.Duration("reply_timeout"),
            Alias = c.String("alias"),
        }),
    };

    private static KamailioAgentConfig BindKamailioAgent(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        SessionsConns = r.Strings("sessions_conns"),
        CreateCdr = r.Bool("create_cdr"),
        Timezone = r.String("timezone"),
        RouteProfile = r.Bool("route_profile"),
        EvapiConns = r.Objects("evapi_conns", c => new EvapiConnConfig
        {
            Address = ConnAddress(c),
            Reconnects = c.Int("reconnects"),
            MaxReconnectInterval = c.Duration("max_reconnect_interval"),
            Alias = c.String("alias"),
        }),
    };

    // An agent dials this address, so unlike a listener it needs a host.
    private static string ConnAddress(SectionReader c)
    {
        var address = Address(c, "address");
        if (address.StartsWith(':'))
        {
            c.Error("address", $"expected host:port, not \"{address}\"");
        }
        return address;
    }

    private static EesConfig BindEes(SectionReader r)
    {
        var failedPosts = r.ObjectOrEmpty("failed_posts");
        return new EesConfig
        {
            Enabled = r.Bool("enabled"),
            AttributesConns = r.Strings("attributes_conns"),
            Cache = CacheParams(r.ObjectOrEmpty("cache")),
            FailedPostsDir = failedPosts.String("dir"),
            FailedPostsTtl = failedPosts.Duration("ttl"),
            FailedPostsStaticTtl = failedPosts.Bool("static_ttl"),
            Exporters = r.Objects("exporters", BindExporter),
        };
    }

    private static ExporterConfig BindExporter(SectionReader e)
    {
        var opts = e.ObjectOrEmpty("opts");
        return new ExporterConfig
        {
            Id = e.String("id"),
            Type = e.String("type"),
            ExportPath = e.String("export_path"),
            FailedPostsDir = e.String("failed_posts_dir"),
            ConcurrentRequests = e.Int("concurrent_requests"),
            Timezone = e.String("timezone"),
            Filters = e.Strings("filters"),
            Flags = e.Strings("flags"),
            AttributeIds = e.Strings("attribute_ids"),
            AttributeContext = e.String("attribute_context"),
            Synchronous = e.Bool("synchronous"),
            Attempts = e.Int("attempts"),
            MetricsResetSchedule = e.String("metrics_reset_schedule"),
            FieldSeparator = opts.String("csvFieldSeparator", ","),
            Opts = e.RawMap("opts"),
            Fields = e.Objects("fields", BindField),
        };
    }

    private static FieldTemplate BindField(SectionReader f) => new()
    {
        Tag = f.String("tag"),
        Path = f.String("path"),
        Type = f.String("type"),
        Value = f.String("value"),
        Filters = f.Strings("filters"),
        Mandatory = f.Bool("mandatory"),
        Layout = f.String("layout"),
        Width = f.Int("width"),
        Strip = f.String("strip"),
        Padding = f.String("padding"),
        NewBranch = f.Bool("new_branch"),
        Timezone = f.String("timezone"),
        Blocker = f.Bool("blocker"),
        AttributeId = f.String("attribute_id"),
        CostShiftDigits = f.Int("cost_shift_digits"),
        RoundingDecimals = f.OptionalInt("rounding_decimals"),
        MaskDestinationId = f.String("mask_destinationd_id"),
        MaskLength = f.Int("mask_length"),
    };

    private static ErsConfig BindErs(SectionReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        SessionsConns = r.Strings("sessions_conns"),
        EesConns = r.Strings("ees_conns"),
        StatsConns = r.Strings("stats_conns"),
        ThresholdsConns = r.Strings("thresholds_conns"),
        // CGRateS parity: config/ers.go raises concurrent_events to at least 1 (it sizes a channel).
        ConcurrentEvents = Math.Max(r.Int("concurrent_events", 1), 1),
        PartialCacheTtl = r.Duration("partial_cache_ttl"),
        Readers = r.Objects("readers", BindReader),
    };

    private static EventReaderConfig BindReader(SectionReader e)
    {
        var opts = e.ObjectOrEmpty("opts");
        // Not modelled yet, but CGRateS refuses to start when they are malformed, so they are still checked.
        e.Objects("partial_commit_fields", BindField);
        e.Objects("cache_dump_fields", BindField);
        opts.Duration("kafkaMaxWait");
        opts.Duration("natsJetStreamMaxWait");
        return new EventReaderConfig
        {
            Id = e.String("id"),
            Type = e.String("type"),
            RunDelay = e.Duration("run_delay"),
            StartDelay = e.Duration("start_delay"),
            ConcurrentRequests = e.Int("concurrent_requests"),
            SourcePath = e.String("source_path"),
            ProcessedPath = e.String("processed_path"),
            Tenant = e.String("tenant"),
            Timezone = e.String("timezone"),
            Filters = e.Strings("filters"),
            Flags = e.Strings("flags"),
            CsvRowLength = opts.Int("csvRowLength"),
            CsvFieldSeparator = opts.String("csvFieldSeparator", ","),
            CsvHeaderDefineChar = opts.String("csvHeaderDefineChar", ":"),
            CsvLazyQuotes = opts.Bool("csvLazyQuotes"),
            IgnoreErroredItems = opts.Bool("ignoreErroredItems"),
            Reconnects = e.Int("reconnects", -1),
            EesSuccessIds = e.Strings("ees_success_ids"),
            EesFailedIds = e.Strings("ees_failed_ids"),
            MaxReconnectInterval = e.Duration("max_reconnect_interval"),
            Opts = e.RawMap("opts"),
            Fields = e.Objects("fields", BindField),
        };
    }
}
