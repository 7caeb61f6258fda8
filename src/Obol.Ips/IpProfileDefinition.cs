using System.Text.Json.Serialization;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Ips;

/// <summary>engine.IPPool as APIerSv1.Get/SetIPProfile carry it.</summary>
public sealed record IpPoolDefinition
{
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public string Type { get; init; } = "";

    public string Range { get; init; } = "";

    public string Strategy { get; init; } = "";

    public string Message { get; init; } = "";

    public decimal Weight { get; init; }

    public bool Blocker { get; init; }
}

/// <summary>engine.IPProfile as APIerSv1.Get/SetIPProfile carry it (TTL in nanoseconds).</summary>
public sealed record IpProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public ActivationIntervalDefinition? ActivationInterval { get; init; }

    public decimal Weight { get; init; }

    [JsonPropertyName("TTL")]
    public Usage Ttl { get; init; }

    public bool Stored { get; init; }

    public IReadOnlyList<IpPoolDefinition>? Pools { get; init; }

    /// <summary>Validates and compiles. CGRateS takes any Range and Strategy and fails at the first allocation; Obol
    /// refuses a profile whose pools it could never allocate from.</summary>
    public static IpProfile Compile(IpProfileDefinition definition, ActivationWindow? activation = null, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var where = location is null ? "" : location + ": ";
        if (definition.Id.Length == 0)
        {
            throw new IpDefinitionException($"{where}IP profile {definition.Tenant}:: ID is mandatory", ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        var name = $"{where}IP profile {definition.Tenant}:{definition.Id}";
        var filterIds = definition.FilterIds ?? [];
        if (FilterService.CheckInline(filterIds) is [var problem, ..])
        {
            throw new IpDefinitionException($"{name}: {problem}");
        }
        var pools = new List<IpPool>();
        foreach (var pool in definition.Pools ?? [])
        {
            pools.Add(CompilePool(pool, name));
        }
        return new IpProfile(definition.Tenant, definition.Id)
        {
            FilterIds = filterIds,
            Activation = activation ?? definition.ActivationInterval?.ToWindow(),
            Weight = definition.Weight,
            Ttl = definition.Ttl,
            Stored = definition.Stored,
            Pools = pools,
        };
    }

    private static IpPool CompilePool(IpPoolDefinition pool, string profileName)
    {
        var name = $"{profileName}: pool {pool.Id}";
        if (pool.Id.Length == 0)
        {
            throw new IpDefinitionException($"{profileName}: a pool without an ID", ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        if (!IpRange.TryParse(pool.Range, out var range, out var error))
        {
            throw new IpDefinitionException($"{name}: {error}");
        }
        if (pool.Type.Length != 0 && pool.Type != range.TypeName)
        {
            throw new IpDefinitionException($"{name}: Type <{pool.Type}> does not match Range <{pool.Range}> ({range.TypeName})");
        }
        IpPoolStrategy picking = pool.Strategy switch
        {
            "" or "*ascending" => IpPoolStrategy.Ascending,
            "*descending" => IpPoolStrategy.Descending,
            "*random" => IpPoolStrategy.Random,
            _ => throw new IpDefinitionException($"{name}: Strategy <{pool.Strategy}> is not *ascending, *descending or *random"),
        };
        var filterIds = pool.FilterIds ?? [];
        if (FilterService.CheckInline(filterIds) is [var problem, ..])
        {
            throw new IpDefinitionException($"{name}: {problem}");
        }
        return new IpPool(pool.Id, range)
        {
            FilterIds = filterIds,
            Type = pool.Type,
            Strategy = pool.Strategy,
            Picking = picking,
            Message = pool.Message,
            Weight = pool.Weight,
            Blocker = pool.Blocker,
        };
    }

    public static IpProfileDefinition From(IpProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new()
        {
            Tenant = profile.Tenant,
            Id = profile.Id,
            FilterIds = profile.FilterIds,
            ActivationInterval = ActivationIntervalDefinition.From(profile.Activation),
            Weight = profile.Weight,
            Ttl = profile.Ttl,
            Stored = profile.Stored,
            Pools = [.. profile.Pools.Select(p => new IpPoolDefinition
            {
                Id = p.Id,
                FilterIds = p.FilterIds,
                Type = p.Type,
                Range = p.Range.Text,
                Strategy = p.Strategy,
                Message = p.Message,
                Weight = p.Weight,
                Blocker = p.Blocker,
            })],
        };
    }

    /// <summary>Compiles an IPs.csv profile; errors name its file and line. Activation times are read in
    /// <paramref name="zone"/>, relative ones from <paramref name="now"/>.</summary>
    public static IpProfile FromTp(TpIpProfile tp, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(tp);
        var location = tp.Location.ToString();
        ActivationWindow? activation;
        try
        {
            activation = tp.ActivationInterval is { } interval ? ActivationWindow.From(interval, zone, now) : null;
        }
        catch (FilterDefinitionException e)
        {
            throw new IpDefinitionException($"{location}: IP profile {tp.Tenant}:{tp.Id}: {e.Message}");
        }
        var ttl = Usage.Zero;
        if (tp.Ttl.Length != 0 && !Usage.TryParse(tp.Ttl, out ttl))
        {
            throw new IpDefinitionException($"{location}: IP profile {tp.Tenant}:{tp.Id}: TTL <{tp.Ttl}> is not a duration");
        }
        return Compile(new IpProfileDefinition
        {
            Tenant = tp.Tenant,
            Id = tp.Id,
            FilterIds = tp.FilterIds,
            Weight = tp.Weight,
            Ttl = ttl,
            Stored = tp.Stored,
            Pools = [.. tp.Pools.Select(p => new IpPoolDefinition
            {
                Id = p.Id,
                FilterIds = p.FilterIds,
                Type = p.Type,
                Range = p.Range,
                Strategy = p.Strategy,
                Message = p.Message,
                Weight = p.Weight,
                Blocker = p.Blocker,
            })],
        }, activation, location);
    }
}
