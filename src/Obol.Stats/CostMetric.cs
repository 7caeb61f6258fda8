using System.Diagnostics.CodeAnalysis;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary>*acc (average call cost) and *tcc (total call cost), from the event's <c>Cost</c>; a negative cost is
/// refused with <c>NEGATIVE:Cost</c>.</summary>
public sealed class CostMetric : AveragedMetric
{
    private const string Cost = "Cost";

    internal CostMetric(string metricId, int minItems, IReadOnlyList<string> filterIds, bool total)
        : base(metricId, minItems, filterIds)
    {
        IsTotal = total;
    }

    /// <summary>True for *tcc, false for *acc.</summary>
    public bool IsTotal { get; }

    private protected override bool TryReadValue(IStatEvent statEvent, out decimal value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        if (!FieldReader.TryReadRequest(statEvent, Cost, out var raw, out error) || !EventValues.TryAsDecimal(raw, out value, out error))
        {
            return false;
        }
        if (value < 0)
        {
            error = "NEGATIVE:" + Cost;
            return false;
        }
        return true;
    }

    public override decimal GetFloatValue(int roundingDecimals) => TooFewItems
        ? MetricIds.FloatNotAvailable
        : Rounding.Round(IsTotal ? Total : Total / Count, roundingDecimals, RoundingMethod.Middle);
}
