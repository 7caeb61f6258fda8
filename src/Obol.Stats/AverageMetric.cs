using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary><c>*average#~*req.Field</c>: the mean of a numeric field (durations count in nanoseconds).</summary>
public sealed class AverageMetric : AveragedMetric
{
    internal AverageMetric(string metricId, int minItems, IReadOnlyList<string> filterIds, string fieldName)
        : base(metricId, minItems, filterIds)
    {
        FieldName = fieldName;
    }

    public string FieldName { get; }

    private protected override bool TryReadValue(IStatEvent statEvent, out decimal value, [NotNullWhen(false)] out string? error) =>
        FieldReader.TryReadDynamicDecimal(statEvent, FieldName, out value, out error);

    // CGRateS parity: StatAverage.RemEvent only subtracts values >= 0, so a removed negative value stays in the total.
    private protected override bool SubtractsOnRemove(decimal stat) => stat >= 0;

    public override decimal GetFloatValue(int roundingDecimals) =>
        TooFewItems ? MetricIds.FloatNotAvailable : Rounding.Round(Total / Count, roundingDecimals, RoundingMethod.Middle);

    private protected override void WriteState(Utf8JsonWriter writer)
    {
        base.WriteState(writer);
        writer.WriteString(StoredNames.FieldName, FieldName);
    }
}
