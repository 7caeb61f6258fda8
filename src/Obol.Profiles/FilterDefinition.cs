using System.Text.Json.Serialization;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Profiles;

/// <summary>engine.Filter as APIerSv1.Get/SetFilter carry it.</summary>
public sealed record FilterDefinition : IEventProfile
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    public IReadOnlyList<FilterRuleDefinition>? Rules { get; init; }

    public ActivationIntervalDefinition? ActivationInterval { get; init; }

    [JsonIgnore]
    public IReadOnlyList<string> FilterIds => [];

    public Filter Compile()
    {
        if (string.IsNullOrEmpty(Id))
        {
            throw new FilterDefinitionException(ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        if (Rules is not { Count: > 0 })
        {
            throw new FilterDefinitionException(ErrorCodes.MandatoryIeMissingFields("Rules"));
        }
        try
        {
            var rules = Rules.Select(r => FilterRule.Create(r.Type, r.Element, r.Values ?? [])).ToArray();
            return new Filter(Tenant, Id, rules, ActivationInterval?.ToWindow());
        }
        catch (FilterDefinitionException e)
        {
            throw new FilterDefinitionException($"filter {Tenant}:{Id}: {e.Message}", e);
        }
    }

    public static FilterDefinition FromTp(TpFilter tp, DateTimeZone zone, Instant now)
    {
        try
        {
            return new FilterDefinition
            {
                Tenant = tp.Tenant,
                Id = tp.Id,
                Rules = [.. tp.Rules.Select(r => new FilterRuleDefinition { Type = r.Type, Element = r.Element, Values = r.Values })],
                ActivationInterval = ActivationIntervalDefinition.From(
                    tp.ActivationInterval is { } interval ? ActivationWindow.From(interval, zone, now) : null),
            };
        }
        catch (FilterDefinitionException e)
        {
            throw new FilterDefinitionException($"{tp.Location}: {e.Message}", e);
        }
    }
}

/// <summary>engine.FilterRule.</summary>
public sealed record FilterRuleDefinition
{
    public string Type { get; init; } = "";

    public string Element { get; init; } = "";

    public IReadOnlyList<string>? Values { get; init; }
}
