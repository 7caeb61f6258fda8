using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Attributes;

/// <summary>
/// A compiled attribute profile (engine.AttributeProfile): every rule parsed, every type and path checked. Immutable,
/// so one instance serves concurrent events. Build it with <see cref="Compile"/> (API), <see cref="FromTp"/>
/// (Attributes.csv) or <see cref="FromInline"/> (<c>*constant:*req.RequestType:*none</c> from a charger).
/// </summary>
public sealed class AttributeProfile : IEventProfile
{
    private readonly string[] _contexts;

    private AttributeProfile(AttributeProfileDefinition definition, string[] contexts, string[] filterIds,
        ActivationWindow? activation, AttributeSubstitution[] attributes, SourceLocation? location)
    {
        Definition = definition;
        Tenant = definition.Tenant;
        Id = definition.Id;
        _contexts = contexts;
        FilterIds = filterIds;
        Activation = activation;
        Attributes = attributes;
        Blocker = definition.Blocker;
        Weight = definition.Weight;
        Location = location;
        TenantId = $"{Tenant}:{Id}";
        IsInline = Id.StartsWith('*');
        MatchedId = IsInline ? Id : TenantId;
    }

    public string Tenant { get; }

    public string Id { get; }

    public IReadOnlyList<string> Contexts => _contexts;

    public IReadOnlyList<string> FilterIds { get; }

    /// <summary>Checked against the event's time; an event without a time matches whatever the window.</summary>
    public ActivationWindow? Activation { get; }

    public IReadOnlyList<AttributeSubstitution> Attributes { get; }

    public bool Blocker { get; }

    public decimal Weight { get; }

    /// <summary>The definition the profile was compiled from (the APIAttributeProfile shape).</summary>
    public AttributeProfileDefinition Definition { get; }

    /// <summary>The Attributes.csv row of the profile, when it came from a tariff plan.</summary>
    public SourceLocation? Location { get; }

    /// <summary><c>tenant:ID</c>, the key of the profile.</summary>
    public string TenantId { get; }

    /// <summary>An inline profile, whose ID is its rule text.</summary>
    public bool IsInline { get; }

    /// <summary>TenantIDInline: how MatchedProfiles names it — <c>tenant:ID</c>, or the bare rule text when inline.</summary>
    public string MatchedId { get; }

    /// <summary>Whether the profile answers <paramref name="context"/>: only <c>[*any]</c> answers every context.</summary>
    public bool AnswersContext(string context)
    {
        if (_contexts is [Meta.Any])
        {
            return true;
        }
        foreach (var own in _contexts)
        {
            if (own == context)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Compiles a profile set through the API (APIerSv2.SetAttributeProfile). An empty tenant takes
    /// <paramref name="defaultTenant"/> (general.default_tenant) when one is given.
    /// </summary>
    public static AttributeProfile Compile(AttributeProfileDefinition definition, string? defaultTenant = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Tenant.Length == 0 && defaultTenant is { Length: > 0 })
        {
            definition = definition with { Tenant = defaultTenant };
        }
        var name = $"attribute profile {definition.Tenant}:{definition.Id}";
        if (definition.Id.Length == 0)
        {
            throw Missing(name, "ID");
        }
        if (definition.Tenant.Length == 0)
        {
            throw Missing(name, "Tenant");
        }
        var attributes = definition.Attributes ?? [];
        if (attributes.Count == 0)
        {
            throw Missing(name, "Attributes");
        }
        var compiled = new AttributeSubstitution[attributes.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            var attribute = attributes[i];
            var where = $"{name}: Attributes[{i}] ({attribute.Path})";
            if (attribute.Path.Length == 0)
            {
                throw Missing(where, "Path");
            }
            if (attribute.Value.Length == 0)
            {
                throw Missing(where, "Value");
            }
            compiled[i] = CompileAttribute(attribute, ';', where);
        }
        return Finish(definition, compiled, location: null, name);
    }

    /// <summary>Compiles an Attributes.csv profile; times without a zone are read in <paramref name="zone"/>
    /// (general.default_timezone). Errors name the file and line of the offending row.</summary>
    public static AttributeProfile FromTp(TpAttributeProfile profile, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var name = $"{profile.Location}: attribute profile {profile.Tenant}:{profile.Id}";
        ActivationIntervalDefinition? activation = null;
        if (profile.ActivationInterval is { } interval)
        {
            activation = ActivationIntervals.FromTp(interval, zone, now, out var error)
                ?? throw new AttributeDefinitionException($"{name}: {error}");
        }
        var definitions = new AttributeDefinition[profile.Attributes.Count];
        var compiled = new AttributeSubstitution[definitions.Length];
        for (var i = 0; i < compiled.Length; i++)
        {
            var tp = profile.Attributes[i];
            definitions[i] = new AttributeDefinition { FilterIds = tp.FilterIds, Path = tp.Path, Type = tp.Type, Value = tp.Value };
            compiled[i] = CompileAttribute(definitions[i], ';', $"{tp.Location}: attribute profile {profile.Tenant}:{profile.Id}: {tp.Path}");
        }
        var definition = new AttributeProfileDefinition
        {
            Tenant = profile.Tenant,
            Id = profile.Id,
            Contexts = profile.Contexts,
            FilterIds = profile.FilterIds,
            ActivationInterval = activation,
            Attributes = definitions,
            Blocker = profile.Blocker,
            Weight = profile.Weight,
        };
        return Finish(definition, compiled, profile.Location, name);
    }

    /// <summary>
    /// engine.NewAttributeFromInline: <c>type:path:value</c> rules separated by <c>;</c>, the values of one rule by
    /// <c>&amp;</c>; the profile answers every context and its ID is the text itself.
    /// </summary>
    public static AttributeProfile FromInline(string tenant, string inline)
    {
        ArgumentNullException.ThrowIfNull(inline);
        var name = $"inline attribute profile <{inline}>";
        var rules = inline.Split(';');
        var definitions = new AttributeDefinition[rules.Length];
        var compiled = new AttributeSubstitution[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            var parts = SplitInlineRule(rules[i]);
            if (parts is null)
            {
                throw new AttributeDefinitionException($"{name}: inline parse error for string: <{rules[i]}>");
            }
            if (parts[1].Length == 0)
            {
                throw new AttributeDefinitionException($"{name}: empty path in inline AttributeProfile <{inline}>");
            }
            definitions[i] = new AttributeDefinition { Type = parts[0], Path = parts[1], Value = parts[2] };
            compiled[i] = CompileAttribute(definitions[i], '&', $"{name}: {parts[1]}");
        }
        var definition = new AttributeProfileDefinition
        {
            Tenant = tenant,
            Id = inline,
            Contexts = [Meta.Any],
            Attributes = definitions,
        };
        return Finish(definition, compiled, location: null, name);
    }

    public override string ToString() => MatchedId;

    private static AttributeProfile Finish(AttributeProfileDefinition definition, AttributeSubstitution[] attributes,
        SourceLocation? location, string name)
    {
        var filterIds = definition.FilterIds?.ToArray() ?? [];
        if (FilterService.CheckInline(filterIds) is [var filterProblem, ..])
        {
            throw new AttributeDefinitionException($"{name}: {filterProblem}");
        }
        return new AttributeProfile(definition, definition.Contexts?.ToArray() ?? [], filterIds,
            definition.ActivationInterval?.ToWindow(), attributes, location);
    }

    private static AttributeSubstitution CompileAttribute(AttributeDefinition attribute, char separator, string where)
    {
        try
        {
            return AttributeSubstitution.Create(attribute.FilterIds ?? [], attribute.Path, attribute.Type, attribute.Value, separator);
        }
        catch (FormatException e)
        {
            throw new AttributeDefinitionException($"{where}: {e.Message}", e);
        }
    }

    private static AttributeDefinitionException Missing(string where, string field) =>
        new($"{where}: {field} is mandatory", ErrorCodes.MandatoryIeMissingFields(field));

    /// <summary>utils.SplitPath(rule, ':', 3): three parts, colons inside <c>[...]</c> do not split.</summary>
    private static string[]? SplitInlineRule(string rule)
    {
        var parts = new string[3];
        var count = 0;
        var nesting = 0;
        var start = 0;
        for (var i = 0; i < rule.Length && count < 2; i++)
        {
            switch (rule[i])
            {
                case '[':
                    nesting++;
                    break;
                case ']':
                    nesting--;
                    break;
                case ':' when nesting == 0:
                    parts[count++] = rule[start..i];
                    start = i + 1;
                    break;
            }
        }
        if (count != 2)
        {
            return null;
        }
        parts[2] = rule[start..];
        return parts;
    }
}
