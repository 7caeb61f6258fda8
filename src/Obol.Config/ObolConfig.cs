using System.Text.Json;
using System.Text.Json.Nodes;

namespace Obol.Config;

/// <summary>
/// A loaded cgrates.json configuration: an immutable snapshot (a reload builds a new one) with a typed record per
/// section Obol uses, and every section's merged JSON for ConfigSv1.GetConfig and -print_config.
/// </summary>
/// <remarks>
/// How to add a setting:
/// 1. add the key, its default and a short comment to defaults.json (that alone makes it known: no warning);
/// 2. add the property to the section's record, with a doc comment when the unit or the special values surprise;
/// 3. read it in ConfigBinder (SectionReader reports the wrong type, bad durations and bad choices with the path);
/// 4. a key that is understood but unset by default goes into ConfigSchema.OptionalKeys instead of step 1;
/// 5. test it in tests/Obol.Config.Tests.
/// </remarks>
public sealed class ObolConfig
{
    private readonly JsonObject _tree;

    internal ObolConfig(JsonObject tree) => _tree = tree;

    public required GeneralConfig General { get; init; }
    public required CoresConfig Cores { get; init; }
    /// <summary>Named connection pools, including <c>*localhost</c>; <c>*internal</c> and <c>*birpc_internal</c> need no entry.</summary>
    public required IReadOnlyDictionary<string, RpcConnConfig> RpcConns { get; init; }
    public required DataDbConfig DataDb { get; init; }
    public required StorDbConfig StorDb { get; init; }
    public required ListenConfig Listen { get; init; }
    public required HttpConfig Http { get; init; }
    public required SchedulersConfig Schedulers { get; init; }
    public required CachesConfig Caches { get; init; }
    public required FiltersConfig Filters { get; init; }
    public required RalsConfig Rals { get; init; }
    public required CdrsConfig Cdrs { get; init; }
    public required SessionsConfig Sessions { get; init; }
    public required FreeswitchAgentConfig FreeswitchAgent { get; init; }
    public required KamailioAgentConfig KamailioAgent { get; init; }
    public required AttributesConfig Attributes { get; init; }
    public required ChargersConfig Chargers { get; init; }
    public DispatchersConfig Dispatchers { get; init; } = new();
    public StatQueriesConfig Trends { get; init; } = new();
    public StatQueriesConfig Rankings { get; init; } = new();
    public required ResourcesConfig Resources { get; init; }
    public required IpsConfig Ips { get; init; }
    public required ErsConfig Ers { get; init; }
    public required StatsConfig Stats { get; init; }
    public required ThresholdsConfig Thresholds { get; init; }
    public required RoutesConfig Routes { get; init; }
    public required LoaderCgrConfig Loader { get; init; }
    public required ApiersConfig Apiers { get; init; }
    public required EesConfig Ees { get; init; }

    /// <summary>The defaults alone: what CGRateS calls an empty configuration.</summary>
    public static ObolConfig Default => ConfigLoader.LoadText("{}").Config;

    /// <summary>Names of the sections present: every modelled one, and the raw ones a file set.</summary>
    public IReadOnlyList<string> SectionNames => [.. _tree.Select(p => p.Key)];

    /// <summary>
    /// The merged JSON of one section under CGRateS's key names (defaults plus files), or null for a section that is
    /// neither modelled nor set. <c>suppliers</c> answers with <c>routes</c>. The caller owns the returned object.
    /// </summary>
    public JsonObject? SectionJson(string section)
    {
        var name = ConfigSchema.SectionAliases.GetValueOrDefault(section, section);
        return _tree[name]?.DeepClone() as JsonObject;
    }

    /// <summary>The whole merged configuration as indented JSON (cgr-engine -print_config).</summary>
    public string ToJson() => _tree.ToJsonString(s_indented);

    /// <summary>True for the connection ids that need no <c>rpc_conns</c> entry and for those defined there.</summary>
    public bool IsKnownConn(string connId) =>
        connId is RpcConnConfig.Internal or RpcConnConfig.BiRpcInternal || RpcConns.ContainsKey(connId);

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
}
