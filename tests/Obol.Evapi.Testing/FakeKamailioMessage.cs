using System.Text.Json;

namespace Obol.Evapi.Testing;

/// <summary>A payload the agent sent to the fake Kamailio, kept verbatim and parsed.</summary>
public sealed class FakeKamailioMessage
{
    public FakeKamailioMessage(string json)
    {
        Json = json;
        try
        {
            using var document = JsonDocument.Parse(json);
            Root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Kept with an undefined root: a test may be checking exactly that the agent sent broken JSON.
        }
    }

    /// <summary>The payload exactly as received (without framing).</summary>
    public string Json { get; }

    /// <summary>The parsed payload; undefined when it is not JSON.</summary>
    public JsonElement Root { get; }

    /// <summary>The "Event" field, which Kamailio's cfg runs as a route name.</summary>
    public string? Event => GetString("Event");

    public string? GetString(string name) =>
        Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public long? GetInt64(string name) =>
        Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : null;

    public override string ToString() => Json;
}
