using System.Text.Json.Serialization;
using Obol.Events;

namespace Obol.Attributes;

/// <summary>
/// An attribute profile as CGRateS's APIAttributeProfile puts it on the wire (APIerSv2.SetAttributeProfile): the
/// property names are Go's, so System.Text.Json reads and writes it as is (with Go's converters for times and
/// numbers). It is only data; <see cref="AttributeProfile.Compile"/> validates it.
/// </summary>
public sealed record AttributeProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    /// <summary>The contexts (<c>*sessions</c>, <c>*cdrs</c>, <c>*any</c>, any custom name) the profile answers in.</summary>
    public IReadOnlyList<string>? Contexts { get; init; }

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public ActivationIntervalDefinition? ActivationInterval { get; init; }

    public IReadOnlyList<AttributeDefinition>? Attributes { get; init; }

    /// <summary>Stops further process runs once this profile has been applied.</summary>
    public bool Blocker { get; init; }

    public decimal Weight { get; init; }
}

/// <summary>One substitution of a profile (CGRateS's ExternalAttribute): <see cref="Value"/> is the RSR rule text,
/// several rules separated by <c>;</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "CGRateS's Attribute, not a .NET attribute.")]
public sealed record AttributeDefinition
{
    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public string Path { get; init; } = "";

    /// <summary>The substitution type; empty means <c>*variable</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The rule text; read from APIerSv1's <c>[{"Rules":...}]</c> as well (<see cref="RsrRulesJsonConverter"/>).</summary>
    [JsonConverter(typeof(RsrRulesJsonConverter))]
    public string Value { get; init; } = "";
}

/// <summary>engine.AttributeProfile as APIerSv1.GetAttributeProfile answers it: each Value as config.RSRParsers.</summary>
public sealed record AttributeProfileView(
    string Tenant,
    [property: JsonPropertyName("ID")] string Id,
    IReadOnlyList<string>? Contexts,
    [property: JsonPropertyName("FilterIDs")] IReadOnlyList<string>? FilterIds,
    ActivationIntervalDefinition? ActivationInterval,
    IReadOnlyList<AttributeView>? Attributes,
    bool Blocker,
    decimal Weight)
{
    public static AttributeProfileView Of(AttributeProfileDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new(definition.Tenant, definition.Id, definition.Contexts, definition.FilterIds, definition.ActivationInterval,
            definition.Attributes?.Select(a => new AttributeView(a.FilterIds, a.Path, a.Type, RsrRulesJsonConverter.AsParsers(a.Value))).ToList(),
            definition.Blocker, definition.Weight);
    }
}

/// <summary>engine.Attribute with its Value as config.RSRParsers.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "CGRateS's Attribute, not a .NET attribute.")]
public sealed record AttributeView(
    [property: JsonPropertyName("FilterIDs")] IReadOnlyList<string>? FilterIds,
    string Path,
    string Type,
    IReadOnlyList<RsrRule> Value);
