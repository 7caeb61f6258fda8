using System.Diagnostics.CodeAnalysis;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary>How metrics reach into the event (CGRateS DPDynamicInterface / DPDynamicString).</summary>
internal static class FieldReader
{
    public const string DynamicPrefix = "~";

    public const string RequestPrefix = "*req.";

    /// <summary>A <c>~path</c> is looked up (missing = <c>NOT_FOUND:~path</c>); anything else is a constant, so
    /// <c>*average#1</c> reads 1 from every event.</summary>
    public static bool TryReadDynamicDecimal(IStatEvent statEvent, string field, out decimal value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        if (!TryReadDynamic(statEvent, field, out var raw, out error))
        {
            return false;
        }
        return EventValues.TryAsDecimal(raw, out value, out error);
    }

    public static bool TryReadDynamic(IStatEvent statEvent, string field, out object? value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (field.StartsWith(DynamicPrefix, StringComparison.Ordinal) && field != DynamicPrefix)
        {
            if (statEvent.TryGet(field[DynamicPrefix.Length..], out value))
            {
                return true;
            }
            error = $"{ErrorCodes.NotFound}:{field}";
            return false;
        }
        // CGRateS parity: utils.StringToInterface turns "true"/"false" into a bool, which no number conversion accepts.
        value = field is "true" or "false" ? field == "true" : field;
        return true;
    }

    /// <summary>A request field the built-in metrics read (<c>Usage</c>, <c>Cost</c>...): missing = <c>NOT_FOUND:Usage</c>.</summary>
    public static bool TryReadRequest(IStatEvent statEvent, string field, out object? value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (statEvent.TryGet(RequestPrefix + field, out value))
        {
            return true;
        }
        error = $"{ErrorCodes.NotFound}:{field}";
        return false;
    }
}
