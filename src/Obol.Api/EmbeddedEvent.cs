using System.Text.Json.Serialization;
using NodaTime;
using Obol.Events;

namespace Obol.Api;

/// <summary>An argument that embeds a CGREvent (Go's <c>*utils.CGREvent</c> field), whose fields sit beside the
/// argument's own on the wire.</summary>
public abstract record EmbeddedEvent
{
    public string? Tenant { get; init; }

    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    public Instant? Time { get; init; }

    public Dictionary<string, object?>? Event { get; init; }

    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?>? ApiOpts { get; init; }

    /// <summary>The embedded event; a missing Event stays null so that <see cref="EventRequests.Prepare"/> names it.</summary>
    public CgrEvent ToEvent() => new()
    {
        Tenant = Tenant ?? "",
        Id = Id ?? "",
        Time = Time,
        Event = Event!,
        ApiOpts = ApiOpts ?? new Dictionary<string, object?>(StringComparer.Ordinal),
    };
}
