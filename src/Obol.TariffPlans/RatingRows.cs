using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>Reads the rating files: Timings, Destinations, Rates, DestinationRates, RatingPlans, RatingProfiles.</summary>
internal sealed class RatingRows(ReferenceCollector references)
{
    private readonly Dictionary<string, SourceLocation> _timingIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Id, long Start), SourceLocation> _rateSlots = [];

    public List<TpTiming> Timings { get; } = [];
    public List<TpDestination> Destinations { get; } = [];
    public List<TpRate> Rates { get; } = [];
    public List<TpDestinationRate> DestinationRates { get; } = [];
    public List<TpRatingPlan> RatingPlans { get; } = [];
    public List<TpRatingProfile> RatingProfiles { get; } = [];

    public void ReadTiming(PlanRow row)
    {
        var id = row.Text(0);
        var years = row.IntList(1, 0, 9999);
        var months = row.IntList(2, 1, 12);
        // -1 is the last day of the month (the *month_end timing).
        var monthDays = row.IntList(3, -1, 31);
        var weekDays = row.IntList(4, 0, 7);
        var time = row.Text(5);
        if (!FieldText.IsValidTimingTime(time))
        {
            row.Fail(5, $"invalid time \"{time}\" (expected HH:MM:SS, *asap or start;end)");
        }
        if (row.HasErrors)
        {
            return;
        }
        if (_timingIds.TryGetValue(id, out var first))
        {
            // AsMapTPTimings keys the rows by ID, so CGRateS silently keeps the last one.
            row.Warn(0, $"duplicate timing \"{id}\" (first at {first}); CGRateS keeps the last row");
        }
        else
        {
            _timingIds[id] = row.Location;
        }
        Timings.Add(new TpTiming(row.Location, id, years, months, monthDays, weekDays, time));
    }

    public void ReadDestination(PlanRow row) => Destinations.Add(new TpDestination(row.Location, row.Text(0), row.Text(1)));

    public void ReadRate(PlanRow row)
    {
        var id = row.Text(0);
        var connectFee = row.Decimal(1);
        var rate = row.Decimal(2);
        var rateUnit = row.Duration(3);
        var rateIncrement = row.Duration(4);
        var groupIntervalStart = row.Duration(5);
        if (row.HasErrors)
        {
            return;
        }
        // Two slots starting at the same second make GetRateParameters' choice depend on sort stability.
        if (!_rateSlots.TryAdd((id, groupIntervalStart.Nanoseconds), row.Location))
        {
            var first = _rateSlots[(id, groupIntervalStart.Nanoseconds)];
            row.Fail(5, $"duplicate GroupIntervalStart {groupIntervalStart} for rate \"{id}\" (first at {first})");
            return;
        }
        Rates.Add(new TpRate(row.Location, id, connectFee, rate, rateUnit, rateIncrement, groupIntervalStart));
    }

    public void ReadDestinationRate(PlanRow row)
    {
        var id = row.Text(0);
        var destinationId = row.Text(1);
        var ratesId = row.Text(2);
        var roundingText = row.Text(3);
        if (roundingText.Length != 0 && !RoundingMethods.IsKnown(roundingText))
        {
            row.Fail(3, $"unknown rounding method \"{roundingText}\" (expected *up, *middle, *down or empty)");
        }
        var roundingDecimals = row.Int(4);
        var maxCost = row.Decimal(5);
        var maxCostStrategy = row.Text(6);
        if (!PlanVocabulary.MaxCostStrategies.Contains(maxCostStrategy))
        {
            row.Fail(6, $"unknown max cost strategy \"{maxCostStrategy}\" (expected *free, *disconnect or empty)");
        }
        if (row.HasErrors)
        {
            return;
        }
        if (destinationId != Meta.Any)
        {
            references.Add(ReferenceRule.DestinationRateDestination, destinationId, row, 1);
        }
        references.Add(ReferenceRule.DestinationRateRates, ratesId, row, 2);
        var rounding = RoundingMethods.Parse(roundingText);
        DestinationRates.Add(new TpDestinationRate(
            row.Location, id, destinationId, ratesId, rounding, roundingText, roundingDecimals, maxCost, maxCostStrategy));
    }

    public void ReadRatingPlan(PlanRow row)
    {
        var id = row.Text(0);
        var destinationRatesId = row.Text(1);
        var timingId = row.Text(2);
        var weight = row.Decimal(3);
        if (row.HasErrors)
        {
            return;
        }
        references.Add(ReferenceRule.RatingPlanDestinationRates, destinationRatesId, row, 1);
        references.Add(ReferenceRule.RatingPlanTiming, timingId, row, 2);
        RatingPlans.Add(new TpRatingPlan(row.Location, id, destinationRatesId, timingId, weight));
    }

    public void ReadRatingProfile(PlanRow row)
    {
        var tenant = row.Text(0);
        var category = row.Text(1);
        var subject = row.Text(2);
        var activationTime = row.Time(3);
        var ratingPlanId = row.Text(4);
        var fallbackSubjects = row.List(5);
        if (row.HasErrors)
        {
            return;
        }
        references.Add(ReferenceRule.RatingProfileRatingPlan, ratingPlanId, row, 4);
        RatingProfiles.Add(new TpRatingProfile(row.Location, tenant, category, subject, activationTime, ratingPlanId, fallbackSubjects));
    }
}
