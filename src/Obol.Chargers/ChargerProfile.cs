using NodaTime;
using Obol.Attributes;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Chargers;

/// <summary>
/// A compiled charger profile (engine.ChargerProfile): each matching profile forks the event into one run.
/// Inline attribute IDs are compiled here, so a bad one fails the load rather than an event.
/// </summary>
public sealed class ChargerProfile : IEventProfile
{
    private ChargerProfile(ChargerProfileDefinition definition, string[] filterIds, ActivationWindow? activation,
        string[] attributeIds, SourceLocation? location)
    {
        Definition = definition;
        Tenant = definition.Tenant;
        Id = definition.Id;
        FilterIds = filterIds;
        Activation = activation;
        RunId = definition.RunId;
        AttributeIds = attributeIds;
        Weight = definition.Weight;
        Location = location;
        TenantId = $"{Tenant}:{Id}";
        SkipsAttributes = attributeIds is [Meta.None];
    }

    public string Tenant { get; }

    public string Id { get; }

    public IReadOnlyList<string> FilterIds { get; }

    /// <summary>Checked against the event's time; an event without a time matches whatever the window.</summary>
    public ActivationWindow? Activation { get; }

    public string RunId { get; }

    public IReadOnlyList<string> AttributeIds { get; }

    public decimal Weight { get; }

    public ChargerProfileDefinition Definition { get; }

    public SourceLocation? Location { get; }

    public string TenantId { get; }

    /// <summary><c>AttributeIDs = [*none]</c>: the run goes without AttributeS.</summary>
    public bool SkipsAttributes { get; }

    /// <summary>Compiles a profile set through the API; an empty tenant takes <paramref name="defaultTenant"/>.</summary>
    public static ChargerProfile Compile(ChargerProfileDefinition definition, string? defaultTenant = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Tenant.Length == 0 && defaultTenant is { Length: > 0 })
        {
            definition = definition with { Tenant = defaultTenant };
        }
        var name = $"charger profile {definition.Tenant}:{definition.Id}";
        if (definition.Id.Length == 0)
        {
            throw new ChargerDefinitionException($"{name}: ID is mandatory", ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        if (definition.Tenant.Length == 0)
        {
            throw new ChargerDefinitionException($"{name}: Tenant is mandatory", ErrorCodes.MandatoryIeMissingFields("Tenant"));
        }
        return Finish(definition, location: null, name);
    }

    /// <summary>Compiles a Chargers.csv profile; errors name its file and line.</summary>
    public static ChargerProfile FromTp(TpChargerProfile profile, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var name = $"{profile.Location}: charger profile {profile.Tenant}:{profile.Id}";
        ActivationIntervalDefinition? activation = null;
        if (profile.ActivationInterval is { } interval)
        {
            activation = ActivationIntervals.FromTp(interval, zone, now, out var error)
                ?? throw new ChargerDefinitionException($"{name}: {error}");
        }
        var definition = new ChargerProfileDefinition
        {
            Tenant = profile.Tenant,
            Id = profile.Id,
            FilterIds = profile.FilterIds,
            ActivationInterval = activation,
            RunId = profile.RunId,
            AttributeIds = profile.AttributeIds,
            Weight = profile.Weight,
        };
        return Finish(definition, profile.Location, name);
    }

    public override string ToString() => TenantId;

    private static ChargerProfile Finish(ChargerProfileDefinition definition, SourceLocation? location, string name)
    {
        var filterIds = definition.FilterIds?.ToArray() ?? [];
        if (FilterService.CheckInline(filterIds) is [var filterProblem, ..])
        {
            throw new ChargerDefinitionException($"{name}: {filterProblem}");
        }
        var attributeIds = definition.AttributeIds?.ToArray() ?? [];
        foreach (var id in attributeIds)
        {
            if (id.Length == 0)
            {
                throw new ChargerDefinitionException($"{name}: empty attribute ID");
            }
            if (id == Meta.None)
            {
                // Alone it switches AttributeS off; among other IDs CGRateS would read it as a broken inline rule.
                if (attributeIds.Length != 1)
                {
                    throw new ChargerDefinitionException($"{name}: {Meta.None} must be the only attribute ID");
                }
                continue;
            }
            if (id.StartsWith('*'))
            {
                try
                {
                    AttributeProfile.FromInline(definition.Tenant, id);
                }
                catch (AttributeDefinitionException e)
                {
                    throw new ChargerDefinitionException($"{name}: {e.Message}", e);
                }
            }
        }
        return new ChargerProfile(definition, filterIds, definition.ActivationInterval?.ToWindow(), attributeIds, location);
    }
}
