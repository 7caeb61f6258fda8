using System.Diagnostics.CodeAnalysis;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary>
/// *asr, answer-seizure ratio: the percentage of events with a non-zero <c>AnswerTime</c>. An event without
/// AnswerTime counts as unanswered; one whose AnswerTime is not a time is refused. Reads <c>66.66667%</c>.
/// </summary>
public sealed class AsrMetric : AveragedMetric
{
    private const string AnswerTime = "AnswerTime";

    private readonly DateTimeZone _timezone;

    internal AsrMetric(string metricId, int minItems, IReadOnlyList<string> filterIds, DateTimeZone timezone)
        : base(metricId, minItems, filterIds)
    {
        _timezone = timezone;
    }

    /// <summary>Answered events counted (the running total of 1s and 0s).</summary>
    public decimal Answered => Total;

    private protected override string TotalName => StoredNames.Answered;

    private protected override bool TryReadValue(IStatEvent statEvent, out decimal value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        error = null;
        if (!statEvent.TryGet(FieldReader.RequestPrefix + AnswerTime, out var raw))
        {
            return true;
        }
        if (!EventValues.TryIsNonZeroTime(raw, _timezone, out var answered, out error))
        {
            return false;
        }
        value = answered ? 1 : 0;
        return true;
    }

    public override void RemoveEvent(string eventId)
    {
        if (!EventMap.TryGetValue(eventId, out var stat))
        {
            return;
        }
        // CGRateS parity: a compressed id stands for a mix of answered and unanswered events; more than half
        // answered makes the one taken out an answered one.
        var answered = stat.Stat > 0.5m ? 1 : 0;
        Total -= answered;
        Count--;
        if (stat.CompressFactor <= 1)
        {
            EventMap.Remove(eventId);
        }
        else
        {
            stat.Stat = ((stat.Stat * stat.CompressFactor) - answered) / (stat.CompressFactor - 1);
            stat.CompressFactor--;
        }
    }

    public override decimal GetFloatValue(int roundingDecimals) =>
        TooFewItems ? MetricIds.FloatNotAvailable : Rounding.Round(Total / Count * 100m, roundingDecimals, RoundingMethod.Middle);

    private protected override string FormatValue(decimal value) => GoFormat.Shortest(value) + "%";
}
