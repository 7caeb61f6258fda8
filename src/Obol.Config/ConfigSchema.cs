using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Obol.Config;

/// <summary>
/// What the defaults file cannot say by itself: which objects take free keys, which arrays merge element by element,
/// and which keys are understood although unset by default. Schema paths name array elements <c>[]</c> and the
/// entries of free-keyed maps <c>*</c> (<c>rpc_conns.*.conns[]</c>).
/// </summary>
internal static class ConfigSchema
{
    /// <summary>CGRateS sections Obol does not model: kept as merged raw JSON, never warned about.</summary>
    public static readonly FrozenSet<string> RawSections = FrozenSet.ToFrozenSet(
    [
        "tls", "asterisk_agent", "diameter_agent", "radius_agent", "http_agent", "dns_agent", "prometheus_agent",
        "sip_agent", "janus_agent", "mailer", "suretax", "migrator", "registrarc",
        "analyzers", "templates", "configs", "apiban", "sentrypeer",
        // Sections of older CGRateS releases (loaders was removed upstream; opensips had its own agent in 0.9).
        "loaders", "opensips", "cdre", "cdrc",
    ], StringComparer.Ordinal);

    /// <summary>Old section names read into the current one.</summary>
    public static readonly FrozenDictionary<string, string> SectionAliases = new Dictionary<string, string>
    {
        ["suppliers"] = "routes",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Objects whose keys are free and whose values are taken as they come.</summary>
    public static readonly FrozenSet<string> OpenObjects = FrozenSet.ToFrozenSet(
    [
        "data_db.items", "stor_db.items", "stor_db.opts.mysqlDSNParams", "http.auth_users", "ees.exporters[].opts",
        "rals.max_computed_usage", "rals.balance_rating_subject", "sessions.default_usage", "trends.scheduled_ids",
        "rankings.scheduled_ids",
    ], StringComparer.Ordinal);

    /// <summary>Free-keyed maps whose new entries start from a template and are then checked key by key.</summary>
    public static readonly FrozenDictionary<string, Func<JsonObject, JsonObject>> TemplatedMaps =
        new Dictionary<string, Func<JsonObject, JsonObject>>
        {
            // CGRateS parity: config/rpcconn.go NewDfltRPCConn (strategy *first, no conns).
            ["rpc_conns"] = _ => new JsonObject { ["strategy"] = "*first", ["poolSize"] = 0, ["conns"] = new JsonArray() },
            ["caches.partitions"] = defaults => Clone(defaults, "caches", "partitions", "*destinations"),
            ["ees.cache"] = defaults => Clone(defaults, "ees", "cache", "*file_csv"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>How an array of objects merges; arrays not listed are replaced whole.</summary>
    public static readonly FrozenDictionary<string, ArrayRule> ArrayRules = new Dictionary<string, ArrayRule>
    {
        // CGRateS parity: config/config.go takes dfltFsConnConfig/dfltKamConnConfig from the defaults' first
        // connection, and every configured connection starts from it.
        ["freeswitch_agent.event_socket_conns"] = new(ArrayMerge.ReplaceInheriting, d => Clone(d, "freeswitch_agent", "event_socket_conns", 0)),
        ["kamailio_agent.evapi_conns"] = new(ArrayMerge.ReplaceInheriting, d => Clone(d, "kamailio_agent", "evapi_conns", 0)),
        // CGRateS parity: dfltRemoteHost is a copy of *localhost's connection.
        ["rpc_conns.*.conns"] = new(ArrayMerge.ReplaceInheriting, d => Clone(d, "rpc_conns", "*localhost", "conns", 0)),
        // CGRateS parity: config/eescfg.go appendEEsExporters merges by id, new ids start from the "*default" exporter.
        ["ees.exporters"] = new(ArrayMerge.MergeById, d => DefaultElement(d, "ees", "exporters")),
        ["ees.exporters[].fields"] = new(ArrayMerge.ReplaceChecked, _ => FieldTemplate()),
        // CGRateS parity: config/ers.go appendERsReaders merges by id, new ids start from the "*default" reader of
        // the defaults; a reader's templates given replace the inherited ones (EventReaderCfg.loadFromJSONCfg).
        ["ers.readers"] = new(ArrayMerge.MergeById, d => DefaultElement(d, "ers", "readers")),
        ["ers.readers[].fields"] = new(ArrayMerge.ReplaceChecked, _ => FieldTemplate()),
        ["ers.readers[].partial_commit_fields"] = new(ArrayMerge.ReplaceChecked, _ => FieldTemplate()),
        ["ers.readers[].cache_dump_fields"] = new(ArrayMerge.ReplaceChecked, _ => FieldTemplate()),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Keys understood although the defaults leave them unset (unset differs from any value).</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>> OptionalKeys = new Dictionary<string, string[]>
    {
        ["sessions"] = ["session_ttl_max_delay", "session_ttl_last_used", "session_ttl_usage", "session_ttl_last_usage", "min_dur_low_balance"],
        ["attributes"] = ["string_indexed_fields"],
        ["chargers"] = ["string_indexed_fields"],
        ["resources"] = ["string_indexed_fields"],
        ["resources.opts"] = ["*usageTTL"],
        ["ips"] = ["string_indexed_fields"],
        ["stats"] = ["string_indexed_fields"],
        ["thresholds"] = ["string_indexed_fields"],
        ["routes"] = ["string_indexed_fields"],
        ["routes.opts"] = ["*limit", "*offset", "*profileCount"],
        // CGRateS parity: config/libconfig_json.go EventReaderOptsJson; the defaults set only some of its keys.
        ["ers.readers[].opts"] =
        [
            "partialPath", "partialcsvFieldSeparator", "ignoreErroredItems", "csvLazyQuotes", "xmlRootPath",
            "amqpQueueID", "amqpUsername", "amqpPassword", "amqpConsumerTag", "amqpExchange", "amqpExchangeType",
            "amqpRoutingKey", "kafkaTopic", "kafkaGroupID", "kafkaMaxWait", "kafkaTLS", "kafkaCAPath", "kafkaSkipTLSVerify",
            "sqlDBName", "sqlTableName", "sqlBatchSize", "sqlDeleteIndexedFields", "pgSSLMode", "awsRegion", "awsKey",
            "awsSecret", "awsToken", "sqsQueueID", "s3BucketID", "natsJetStream", "natsConsumerName", "natsStreamName",
            "natsQueueID", "natsJWTFile", "natsSeedFile", "natsCertificateAuthority", "natsClientCertificate",
            "natsClientKey", "natsJetStreamMaxWait",
        ],
        ["stor_db.opts"] = ["pgSSLCert", "pgSSLKey", "pgSSLPassword", "pgSSLCertMode", "pgSSLRootCert"],
        ["rpc_conns.*.conns[]"] =
        [
            "id", "synchronous", "tls", "key_path", "cert_path", "ca_path", "conn_attempts", "reconnects",
            "max_reconnect_interval", "connect_timeout", "reply_timeout",
        ],
    }.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Keys of older releases moved to their current place; a path starting with '/' is from the root.</summary>
    public static readonly FrozenDictionary<(string SchemaPath, string Key), string> KeyAliases =
        new Dictionary<(string, string), string>
        {
            // The tutorials still spell it the 0.9 way; current CGRateS ignores it silently.
            [("cdrs", "sessions_cost_retries")] = "session_cost_retries",
            // Before exporter opts existed (0.10), the CSV separator sat on the exporter; the tutorials still use it.
            [("ees.exporters[]", "field_separator")] = "opts.csvFieldSeparator",
            // 0.10 listened for bidirectional RPC from the sessions section.
            [("sessions", "listen_bijson")] = "/listen.birpc_json",
            [("sessions", "listen_bigob")] = "/listen.birpc_gob",
        }.ToFrozenDictionary();

    private static JsonObject Clone(JsonObject root, params object[] path)
    {
        JsonNode? node = root;
        foreach (var step in path)
        {
            node = step is int index ? node?.AsArray()[index] : node?.AsObject()[(string)step];
        }
        return node?.DeepClone() as JsonObject ?? new JsonObject();
    }

    private static JsonObject DefaultElement(JsonObject defaults, string section, string array)
    {
        var elements = defaults[section]?[array]?.AsArray() ?? [];
        var first = elements.FirstOrDefault(e => e?["id"]?.GetValue<string>() == "*default");
        return first?.DeepClone() as JsonObject ?? new JsonObject();
    }

    // CGRateS parity: config/libconfig_json.go FcTemplateJsonCfg; only the key names matter here.
    private static JsonObject FieldTemplate() => new()
    {
        ["tag"] = "", ["type"] = "", ["path"] = "", ["attribute_id"] = "", ["filters"] = new JsonArray(), ["value"] = "",
        ["width"] = 0, ["strip"] = "", ["padding"] = "", ["mandatory"] = false, ["new_branch"] = false, ["timezone"] = "",
        ["blocker"] = false, ["layout"] = "", ["cost_shift_digits"] = 0, ["rounding_decimals"] = 0,
        ["mask_destinationd_id"] = "", ["mask_length"] = 0,
    };
}

internal enum ArrayMerge
{
    /// <summary>The array is replaced; each object starts from the template.</summary>
    ReplaceInheriting,

    /// <summary>The array is replaced; each object is only checked against the template's keys.</summary>
    ReplaceChecked,

    /// <summary>Objects with an id already present merge into it; others start from the template and are appended.</summary>
    MergeById,
}

internal sealed record ArrayRule(ArrayMerge Merge, Func<JsonObject, JsonObject> Template);
