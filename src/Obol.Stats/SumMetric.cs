using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary>
/// <c>*sum#~*req.Field</c>: the total of a numeric field. The parameter is a CGRateS RSR template, ';'-separated
/// <c>~path</c>s and constants concatenated into one string and then read as a number, so <c>*sum#1</c> counts events.
/// Unlike the other metrics it reads 0, not N/A, with no events and MinItems 0.
/// </summary>
public sealed class SumMetric : AveragedMetric
{
    internal SumMetric(string metricId, int minItems, IReadOnlyList<string> filterIds, IReadOnlyList<string> fields)
        : base(metricId, minItems, filterIds)
    {
        Fields = fields;
    }

    /// <summary>The template's parts: <c>~path</c> or a constant.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Splits the template; regex rules and converters (<c>{*duration_seconds}</c>) are not supported yet.</summary>
    internal static bool TryParseFields(string parameter, out IReadOnlyList<string> fields, [NotNullWhen(false)] out string? error)
    {
        fields = [];
        error = null;
        if (parameter.Contains('{', StringComparison.Ordinal) || parameter.Contains(":s/", StringComparison.Ordinal))
        {
            error = $"unsupported RSR template <{parameter}>";
            return false;
        }
        fields = parameter.Length == 0 ? [] : parameter.Split(';');
        return true;
    }

    private protected override bool TryReadValue(IStatEvent statEvent, out decimal value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        var text = new StringBuilder();
        foreach (var field in Fields)
        {
            if (field.StartsWith(FieldReader.DynamicPrefix, StringComparison.Ordinal) && field != FieldReader.DynamicPrefix)
            {
                if (!statEvent.TryGet(field[FieldReader.DynamicPrefix.Length..], out var raw))
                {
                    // CGRateS parity: RSRParsers.ParseDataProvider returns a bare NOT_FOUND, unprefixed.
                    error = ErrorCodes.NotFound;
                    return false;
                }
                text.Append(EventValues.AsString(raw));
            }
            else
            {
                text.Append(field);
            }
        }
        return EventValues.TryAsDecimal(text.ToString(), out value, out error);
    }

    public override decimal GetFloatValue(int roundingDecimals) =>
        Count < MinItems ? MetricIds.FloatNotAvailable : Rounding.Round(Total, roundingDecimals, RoundingMethod.Middle);

    private protected override void WriteState(Utf8JsonWriter writer)
    {
        base.WriteState(writer);
        writer.WriteStartArray(StoredNames.Fields);
        foreach (var field in Fields)
        {
            writer.WriteStartObject();
            writer.WriteString(StoredNames.Rules, field);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
