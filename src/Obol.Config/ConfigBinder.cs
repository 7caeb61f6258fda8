using System.Globalization;
using System.Text.Json.Nodes;

namespace Obol.Config;

/// <summary>Reads the merged tree into the typed sections; every problem becomes a located error, never an exception.</summary>
internal static partial class ConfigBinder
{
    public static ObolConfig Bind(JsonObject tree, BindContext context)
    {
        SectionReader S(string name) => new(tree[name] as JsonObject ?? [], name, context);
        return new ObolConfig(tree)
        {
            General = BindGeneral(S("general")),
            Cores = BindCores(S("cores")),
            RpcConns = BindRpcConns(S("rpc_conns")),
            DataDb = BindDataDb(S("data_db")),
            StorDb = BindStorDb(S("stor_db")),
            Listen = BindListen(S("listen")),
            Http = BindHttp(S("http")),
            Schedulers = BindSchedulers(S("schedulers")),
            Caches = BindCaches(S("caches")),
            Filters = BindFilters(S("filters")),
            Rals = BindRals(S("rals")),
            Cdrs = BindCdrs(S("cdrs")),
            Sessions = BindSessions(S("sessions")),
            FreeswitchAgent = BindFreeswitchAgent(S("freeswitch_agent")),
            KamailioAgent = BindKamailioAgent(S("kamailio_agent")),
            Attributes = BindAttributes(S("attributes")),
            Chargers = BindChargers(S("chargers")),
            Dispatchers = BindDispatchers(S("dispatchers")),
            Trends = BindStatQueries(S("trends")),
            Rankings = BindStatQueries(S("rankings")),
            Resources = BindResources(S("resources")),
            Ips = BindIps(S("ips")),
            Stats = BindStats(S("stats")),
            Thresholds = BindThresholds(S("thresholds")),
            Routes = BindRoutes(S("routes")),
            Loader = BindLoader(S("loader")),
            Apiers = BindApiers(S("apiers")),
            Ers = BindErs(S("ers")),
            Ees = BindEes(S("ees")),
        };
    }

    private static GeneralConfig BindGeneral(SectionReader r)
    {
        var logLevel = r.Int("log_level", 6);
        if (logLevel is < 0 or > 7)
        {
            r.Error("log_level", $"expected 0 (emergency) to 7 (debug), not {logLevel.ToString(CultureInfo.InvariantCulture)}");
        }
        return new GeneralConfig
        {
            NodeId = r.String("node_id"),
            Logger = r.Choice("logger", "*syslog", "*syslog", "*stdout"),
            LogLevel = logLevel,
            RoundingDecimals = r.Int("rounding_decimals"),
            // CGRateS parity: config/generalcfg.go trims the '*' of dbdata_encoding.
            DbDataEncoding = Starred(r, "dbdata_encoding", "*msgpack", "*msgpack", "*json"),
            TpExportDir = r.String("tpexport_dir"),
            PosterAttempts = r.Int("poster_attempts"),
            DefaultRequestType = r.String("default_request_type"),
            DefaultCategory = r.String("default_category"),
            DefaultTenant = r.String("default_tenant"),
            DefaultTimezone = r.String("default_timezone"),
            DefaultCaching = r.String("default_caching"),
            CachingDelay = r.Duration("caching_delay"),
            MinCallDuration = r.Duration("min_call_duration"),
            MaxCallDuration = r.Duration("max_call_duration"),
            ConnectAttempts = r.Int("connect_attempts"),
            Reconnects = r.Int("reconnects"),
            MaxReconnectInterval = r.Duration("max_reconnect_interval"),
            ConnectTimeout = r.Duration("connect_timeout"),
            ReplyTimeout = r.Duration("reply_timeout"),
            LockingTimeout = r.Duration("locking_timeout"),
            DigestSeparator = r.String("digest_separator"),
            DigestEqual = r.String("digest_equal"),
            RsrSeparator = r.String("rsr_separator"),
            MaxParallelConns = r.Int("max_parallel_conns"),
        };
    }

    private static CoresConfig BindCores(SectionReader r) => new()
    {
        Caps = r.Int("caps"),
        CapsStrategy = r.Choice("caps_strategy", "*busy", "*busy", "*queue"),
        CapsStatsInterval = r.Duration("caps_stats_interval"),
        ShutdownTimeout = r.Duration("shutdown_timeout"),
    };

    private static Dictionary<string, RpcConnConfig> BindRpcConns(SectionReader r)
    {
        var result = new Dictionary<string, RpcConnConfig>(StringComparer.Ordinal);
        foreach (var (id, _) in r.Node)
        {
            if (r.Object(id) is not { } conn)
            {
                continue;
            }
            result[id] = new RpcConnConfig
            {
                Strategy = conn.String("strategy", "*first"),
                PoolSize = conn.Int("poolSize"),
                Conns = conn.Objects("conns", h => new RemoteHostConfig
                {
                    Id = h.String("id"),
                    Address = h.String("address"),
                    Transport = h.String("transport"),
                    Synchronous = h.Bool("synchronous"),
                    Tls = h.Bool("tls"),
                    KeyPath = h.String("key_path"),
                    CertPath = h.String("cert_path"),
                    CaPath = h.String("ca_path"),
                    ConnAttempts = h.Int("conn_attempts"),
                    Reconnects = h.Int("reconnects"),
                    MaxReconnectInterval = h.Duration("max_reconnect_interval"),
                    ConnectTimeout = h.Duration("connect_timeout"),
                    ReplyTimeout = h.Duration("reply_timeout"),
                }),
            };
        }
        return result;
    }

    private static DataDbConfig BindDataDb(SectionReader r)
    {
        var type = Starred(r, "db_type", "*internal", "*internal", "*redis", "*mongo");
        return new DataDbConfig
        {
            DbType = type,
            DbHost = r.String("db_host"),
            DbPort = Port(r, type),
            DbName = r.String("db_name"),
            DbUser = r.String("db_user"),
            DbPassword = r.String("db_password"),
            RemoteConns = r.Strings("remote_conns"),
            RemoteConnId = r.String("remote_conn_id"),
            ReplicationConns = r.Strings("replication_conns"),
            ReplicationFiltered = r.Bool("replication_filtered"),
            ReplicationCache = r.String("replication_cache"),
            ReplicationFailedDir = r.String("replication_failed_dir"),
            ReplicationInterval = r.Duration("replication_interval"),
            Internal = BindInternalDb(r.ObjectOrEmpty("opts")),
        };
    }

    private static StorDbConfig BindStorDb(SectionReader r)
    {
        var type = Starred(r, "db_type", "*internal", "*internal", "*mysql", "*postgres", "*mongo");
        var opts = r.ObjectOrEmpty("opts");
        return new StorDbConfig
        {
            DbType = type,
            DbHost = r.String("db_host"),
            DbPort = Port(r, type),
            DbName = r.String("db_name"),
            DbUser = r.String("db_user"),
            DbPassword = r.String("db_password"),
            StringIndexedFields = r.Strings("string_indexed_fields"),
            PrefixIndexedFields = r.Strings("prefix_indexed_fields"),
            RemoteConns = r.Strings("remote_conns"),
            ReplicationConns = r.Strings("replication_conns"),
            Internal = BindInternalDb(opts),
            SqlMaxOpenConns = opts.Int("sqlMaxOpenConns"),
            SqlMaxIdleConns = opts.Int("sqlMaxIdleConns"),
            SqlConnMaxLifetime = opts.Duration("sqlConnMaxLifetime"),
        };
    }

    private static InternalDbOptions BindInternalDb(SectionReader opts) => new()
    {
        DumpPath = opts.String("internalDBDumpPath"),
        BackupPath = opts.String("internalDBBackupPath"),
        StartTimeout = opts.Duration("internalDBStartTimeout"),
        DumpInterval = opts.Duration("internalDBDumpInterval"),
        RewriteInterval = opts.Duration("internalDBRewriteInterval"),
        FileSizeLimit = opts.String("internalDBFileSizeLimit"),
    };

    // CGRateS parity: config/config.go dbDefaults.dbPort — -1 means the usual port of the database type.
    private static int Port(SectionReader r, string type)
    {
        var port = r.Int("db_port");
        if (port == -1)
        {
            return type switch
            {
                "*redis" => 6379,
                "*mongo" => 27017,
                "*mysql" => 3306,
                "*postgres" => 5432,
                _ => -1,
            };
        }
        if (port is < 0 or > 65535)
        {
            r.Error("db_port", $"expected a port from 0 to 65535 or -1, not {port.ToString(CultureInfo.InvariantCulture)}");
        }
        return port;
    }

    /// <summary>A choice CGRateS also accepts without the '*' (it trims it); answered with the '*'.</summary>
    private static string Starred(SectionReader r, string key, string fallback, params string[] allowed)
    {
        var text = r.OptionalString(key);
        if (text is null)
        {
            return fallback;
        }
        var starred = text.StartsWith('*') ? text : "*" + text;
        if (allowed.Contains(starred))
        {
            return starred;
        }
        r.Error(key, $"expected one of {string.Join(", ", allowed)}, not \"{text}\"");
        return fallback;
    }

    private static ListenConfig BindListen(SectionReader r) => new()
    {
        RpcJson = Address(r, "rpc_json"),
        RpcGob = Address(r, "rpc_gob"),
        Http = Address(r, "http"),
        RpcJsonTls = Address(r, "rpc_json_tls"),
        RpcGobTls = Address(r, "rpc_gob_tls"),
        HttpTls = Address(r, "http_tls"),
        BiRpcJson = Address(r, "birpc_json"),
        BiRpcGob = Address(r, "birpc_gob"),
    };

    /// <summary>"" (off) or host:port with a numeric port; the host may be empty (":2012", every interface).</summary>
    private static string Address(SectionReader r, string key)
    {
        var address = r.String(key);
        if (address.Length == 0)
        {
            return address;
        }
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !ushort.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            r.Error(key, $"expected host:port with a port from 0 to 65535, not \"{address}\"");
            return "";
        }
        return address;
    }

    private static HttpConfig BindHttp(SectionReader r) => new()
    {
        JsonRpcUrl = r.String("json_rpc_url"),
        RegistrarsUrl = r.String("registrars_url"),
        WsUrl = r.String("ws_url"),
        FreeswitchCdrsUrl = r.String("freeswitch_cdrs_url"),
        HttpCdrs = r.String("http_cdrs"),
        PprofPath = r.String("pprof_path"),
        UseBasicAuth = r.Bool("use_basic_auth"),
        AuthUsers = r.StringMap("auth_users"),
    };
}
