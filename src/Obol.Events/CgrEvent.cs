using System.Text.Json.Serialization;
using NodaTime;
using Obol.Filters;

namespace Obol.Events;

/// <summary>
/// utils.CGREvent: what every event subsystem (AttributeS, ChargerS, RouteS, ResourceS, StatS, ThresholdS, SessionS)
/// receives. <see cref="Event"/> and <see cref="ApiOpts"/> hold Go's interface{} values as decoded from JSON: string,
/// decimal (numbers, kept exact), bool, null, nested <c>Dictionary&lt;string, object?&gt;</c> and <c>List&lt;object?&gt;</c>;
/// subsystems may put typed values (<see cref="Primitives.Usage"/>, NodaTime times) in.
/// </summary>
public sealed class CgrEvent
{
    public string Tenant { get; set; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";

    /// <summary>Null is Go's nil *time.Time.</summary>
    public Instant? Time { get; set; }

    public Dictionary<string, object?> Event { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?> ApiOpts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>CGREvent.Clone: new maps with the same values (values are treated as immutable).</summary>
    public CgrEvent Clone() => new()
    {
        Tenant = Tenant,
        Id = Id,
        Time = Time,
        Event = new Dictionary<string, object?>(Event, StringComparer.Ordinal),
        ApiOpts = new Dictionary<string, object?>(ApiOpts, StringComparer.Ordinal),
    };

    /// <summary>The event as FilterS reads it: <c>*req</c> is <see cref="Event"/>, <c>*opts</c> is <see cref="ApiOpts"/>.</summary>
    public FilterEvent ToFilterEvent() => new(Event, ApiOpts);

    /// <summary>The field as a string (utils.IfaceAsString), or null when absent.</summary>
    public string? FieldAsString(string field) =>
        Event.TryGetValue(field, out var value) ? EventValues.AsString(value) : null;

    /// <summary>The option as a string, or null when absent.</summary>
    public string? OptAsString(string option) =>
        ApiOpts.TryGetValue(option, out var value) ? EventValues.AsString(value) : null;
}
