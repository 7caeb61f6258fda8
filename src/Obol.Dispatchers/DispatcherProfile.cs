using System.Globalization;
using System.Text.Json;
using NodaTime;
using Obol.Attributes;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Dispatchers;

/// <summary>
/// A compiled dispatcher profile (engine.DispatcherProfile): which requests it takes (subsystems, filters, activation)
/// and the hosts it sends them to, heaviest first. The strategy is checked here, so a profile CGRateS would only refuse
/// at its first request ("unsupported dispatch strategy") is refused when set or loaded.
/// </summary>
public sealed class DispatcherProfile : IEventProfile
{
    public const string AnySubsystem = "*any";
    private const string DefaultRatioParam = "*default_ratio";
    private const string RatioParam = "*ratio";

    private DispatcherProfile(DispatcherProfileDefinition definition, string[] subsystems, string[] filterIds, DispatchStrategy strategy,
        DispatchHost[] hosts, long? defaultRatio)
    {
        Definition = definition;
        Tenant = definition.Tenant;
        Id = definition.Id;
        Subsystems = subsystems;
        FilterIds = filterIds;
        Activation = definition.ActivationInterval?.ToWindow();
        Strategy = strategy;
        Hosts = hosts;
        Weight = definition.Weight;
        TenantId = $"{Tenant}:{Id}";
        // dispatchers/libdispatcher.go newSingleDispatcher: a default ratio, or any host with a ratio, makes it a load dispatcher.
        IsLoadBalanced = !strategy.IsBroadcast() && (defaultRatio is not null || hosts.Any(h => h.Ratio is not null));
        DefaultRatio = defaultRatio ?? 1;
    }

    public string Tenant { get; }

    public string Id { get; }

    public string TenantId { get; }

    public IReadOnlyList<string> Subsystems { get; }

    public IReadOnlyList<string> FilterIds { get; }

    public ActivationWindow? Activation { get; }

    public DispatchStrategy Strategy { get; }

    /// <summary>By weight, heaviest first; equal weights keep their order.</summary>
    public IReadOnlyList<DispatchHost> Hosts { get; }

    public decimal Weight { get; }

    /// <summary>Hosts are ordered by their calls in flight over their ratio before the strategy applies.</summary>
    public bool IsLoadBalanced { get; }

    /// <summary>The ratio of a host without <c>*ratio</c>.</summary>
    public long DefaultRatio { get; }

    public DispatcherProfileDefinition Definition { get; }

    /// <summary>Whether the profile takes requests of <paramref name="subsystem"/>: its own, or <c>[*any]</c> alone.</summary>
    public bool Serves(string subsystem) =>
        Subsystems is [AnySubsystem] || Subsystems.Contains(subsystem, StringComparer.Ordinal);

    public bool ServesAny => Subsystems.Contains(AnySubsystem, StringComparer.Ordinal);

    public override string ToString() => TenantId;

    /// <summary>Compiles a profile set through the API; errors are the API's.</summary>
    public static DispatcherProfile Compile(DispatcherProfileDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = $"dispatcher profile {definition.Tenant}:{definition.Id}";
        if (definition.Id.Length == 0)
        {
            throw new DispatcherDefinitionException($"{name}: ID is mandatory", ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        return Finish(definition, name);
    }

    /// <summary>Compiles a DispatcherProfiles.csv profile; errors name its file and line.</summary>
    public static DispatcherProfile FromTp(TpDispatcherProfile profile, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var name = $"{profile.Location}: dispatcher profile {profile.Tenant}:{profile.Id}";
        ActivationIntervalDefinition? activation = null;
        if (profile.ActivationInterval is { } interval)
        {
            activation = ActivationIntervals.FromTp(interval, zone, now, out var error)
                ?? throw new DispatcherDefinitionException($"{name}: {error}");
        }
        var definition = new DispatcherProfileDefinition
        {
            Tenant = profile.Tenant,
            Id = profile.Id,
            Subsystems = profile.Subsystems,
            FilterIds = profile.FilterIds,
            ActivationInterval = activation,
            Strategy = profile.Strategy,
            // model_helpers.go APItoDispatcherProfile keys the column's items by their position.
            StrategyParams = Positional(profile.StrategyParameters),
            Weight = profile.Weight,
            Hosts = [.. profile.Hosts.Select(h => new DispatcherHostProfileDefinition
            {
                Id = h.Id,
                FilterIds = h.FilterIds,
                Weight = h.Weight,
                Blocker = h.Blocker,
                Params = HostParams(h.Parameters),
            })],
        };
        return Finish(definition, name);
    }

    private static DispatcherProfile Finish(DispatcherProfileDefinition definition, string name)
    {
        if (!DispatchStrategies.TryParse(definition.Strategy, out var strategy))
        {
            throw new DispatcherDefinitionException(
                $"{name}: unsupported dispatch strategy <{definition.Strategy}>, expected *weight, *random, *round_robin, *broadcast, *broadcast_sync or *broadcast_async");
        }
        var filterIds = definition.FilterIds?.ToArray() ?? [];
        if (FilterService.CheckInline(filterIds) is [var filterProblem, ..])
        {
            throw new DispatcherDefinitionException($"{name}: {filterProblem}");
        }
        var defaultRatio = Ratio(definition.StrategyParams, DefaultRatioParam, name);
        var hosts = new List<DispatchHost>();
        foreach (var host in definition.Hosts ?? [])
        {
            if (host.Id.Length == 0)
            {
                throw new DispatcherDefinitionException($"{name}: a host without ID");
            }
            var hostFilters = host.FilterIds?.ToArray() ?? [];
            if (FilterService.CheckInline(hostFilters) is [var hostProblem, ..])
            {
                throw new DispatcherDefinitionException($"{name}: host {host.Id}: {hostProblem}");
            }
            hosts.Add(new DispatchHost(host.Id, hostFilters, host.Weight, host.Blocker, Ratio(host.Params, RatioParam, $"{name}: host {host.Id}")));
        }
        // engine.DispatcherHostProfiles.Sort: heaviest first; a stable sort keeps equal weights in the order given.
        var sorted = hosts.OrderByDescending(h => h.Weight).ToArray();
        return new DispatcherProfile(definition, definition.Subsystems?.ToArray() ?? [], filterIds, strategy, sorted, defaultRatio);
    }

    /// <summary>A ratio parameter: a number, or the <c>key:value</c> text a CSV column leaves under its position.</summary>
    private static long? Ratio(IReadOnlyDictionary<string, JsonElement>? parameters, string key, string name)
    {
        if (parameters is null)
        {
            return null;
        }
        if (parameters.TryGetValue(key, out var value))
        {
            return AsInteger(value, key, name);
        }
        foreach (var (position, item) in parameters)
        {
            if (int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out _) && item.ValueKind == JsonValueKind.String
                && item.GetString() is { } text && text.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return AsInteger(JsonSerializer.SerializeToElement(text[(key.Length + 1)..]), key, name);
            }
        }
        return null;
    }

    private static long AsInteger(JsonElement value, string key, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                return number;
            case JsonValueKind.Number when value.TryGetDecimal(out var fraction) && fraction == decimal.Truncate(fraction):
                return (long)fraction;
            case JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw new DispatcherDefinitionException($"{name}: {key} <{value.GetRawText()}> is not an integer");
        }
    }

    private static Dictionary<string, JsonElement> Positional(string[] items)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Length != 0)
            {
                result[i.ToString(CultureInfo.InvariantCulture)] = JsonSerializer.SerializeToElement(items[i]);
            }
        }
        return result;
    }

    /// <summary>model_helpers.go APItoDispatcherProfile: <c>key:value</c> items by their key, others by position.</summary>
    private static Dictionary<string, JsonElement> HostParams(string[] items)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (item.Length == 0)
            {
                continue;
            }
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                result[i.ToString(CultureInfo.InvariantCulture)] = JsonSerializer.SerializeToElement(item);
            }
            else
            {
                result[item[..colon]] = JsonSerializer.SerializeToElement(item[(colon + 1)..]);
            }
        }
        return result;
    }
}

/// <summary>One host of a compiled profile.</summary>
public sealed record DispatchHost(string Id, IReadOnlyList<string> FilterIds, decimal Weight, bool Blocker, long? Ratio);
