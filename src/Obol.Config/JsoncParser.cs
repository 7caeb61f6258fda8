using System.Text.Json;
using Obol.Primitives;
using System.Text.Json.Nodes;

namespace Obol.Config;

/// <summary>Parses cgrates.json text (comments, trailing commas) into a mutable tree without throwing.</summary>
internal static class JsoncParser
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static JsonObject? Parse(string text, string file, List<ConfigDiagnostic> diagnostics)
    {
        try
        {
            using var document = JsonDocument.Parse(text, s_options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, "", file,
                    $"the configuration must be a JSON object, not {JsonKinds.Describe(document.RootElement.ValueKind)}"));
                return null;
            }
            return (JsonObject)ToNode(document.RootElement)!;
        }
        catch (JsonException ex)
        {
            // LineNumber and BytePositionInLine are 0-based.
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, "", file, "malformed JSON: " + FirstSentence(ex.Message), line, column));
            return null;
        }
    }

    // Built by hand rather than with JsonNode.Parse so that a repeated key keeps its last value, as Go's decoder does.
    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }
                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    // System.Text.Json appends "Path: $ | LineNumber: 3 | BytePositionInLine: 4." which the diagnostic already carries.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
