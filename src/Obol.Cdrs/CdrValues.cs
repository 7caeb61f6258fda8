using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Obol.Events;

namespace Obol.Cdrs;

/// <summary>The utils.IfaceAs* conversions AsCDR needs beyond <see cref="EventValues"/>, with Go's error texts.</summary>
internal static class CdrValues
{
    /// <summary>IfaceAsEventCost: a JSON string or a decoded map becomes the EventCost's JSON text; null stays null.</summary>
    public static bool TryAsCostDetails(object? value, out string? json, [NotNullWhen(false)] out string? error)
    {
        error = null;
        json = null;
        switch (value)
        {
            case null:
                return true;
            case CostDetailsJson own:
                json = own.Json;
                return true;
            case string s:
                try
                {
                    using var document = JsonDocument.Parse(s);
                    if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    {
                        error = $"JSON cannot unmarshal to *EventCost, err: json: cannot unmarshal {document.RootElement.ValueKind.ToString().ToLowerInvariant()} into Go value of type engine.EventCost";
                        return false;
                    }
                    json = document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.GetRawText();
                    return true;
                }
                catch (JsonException e)
                {
                    error = $"JSON cannot unmarshal to *EventCost, err: {e.Message}";
                    return false;
                }
            case IEnumerable<KeyValuePair<string, object?>> map:
                json = JsonValues.Write(writer => JsonValues.WriteValue(writer, map));
                return true;
            default:
                error = $"not convertible : from: {value.GetType().Name} to:*EventCost";
                return false;
        }
    }
}
