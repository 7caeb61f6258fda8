using System.Text.Json;

namespace Obol.Api;

/// <summary>Replies already written in CGRateS's exact JSON (accounts) passed through the dispatcher untouched.</summary>
internal static class ApierJson
{
    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
