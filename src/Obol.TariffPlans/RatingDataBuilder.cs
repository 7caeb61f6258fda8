using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.TariffPlans;

/// <summary>
/// Turns the rating records of a tariff plan (Timings, Destinations, Rates, DestinationRates, RatingPlans,
/// RatingProfiles) into the immutable <see cref="RatingDataSet"/> the rating engine reads
/// (CGRateS parity: engine/tpreader.go LoadRatingPlans and LoadRatingProfiles).
/// </summary>
public static class RatingDataBuilder
{
    /// <summary>Timings every plan may name without defining them (tpreader.go addDefaultTimings); for pricing they
    /// all run from midnight.</summary>
    public static readonly IReadOnlyList<string> BuiltInTimings =
        [Meta.Any, Meta.Asap, "*every_minute", "*hourly", "*daily", "*weekly", "*monthly", "*monthly_estimated", "*month_end", "*yearly"];

    private static readonly LocalTimePattern s_timePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    public static (RatingDataSet Data, IReadOnlyList<TariffPlanError> Errors) Build(TariffPlan plan, TariffPlanReadOptions options)
    {
        var errors = new List<TariffPlanError>();
        var destinations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var d in plan.Destinations)
        {
            if (!destinations.TryGetValue(d.Id, out var prefixes))
            {
                destinations[d.Id] = prefixes = [];
            }
            if (!prefixes.Contains(d.Prefix))
            {
                prefixes.Add(d.Prefix);
            }
        }
        var timings = BuildTimings(plan, errors);
        var rates = plan.Rates.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var destinationRates = plan.DestinationRates.GroupBy(r => r.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var plans = BuildPlans(plan, timings, rates, destinationRates, errors);
        var profiles = BuildProfiles(plan, options, errors);
        var data = new RatingDataSet(destinations.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal), plans, profiles);
        return (data, errors);
    }

    /// <summary>The plan's timings by id, the built-in ones included; a timing with a bad time is reported and left out.</summary>
    public static Dictionary<string, Timing> BuildTimings(TariffPlan plan, List<TariffPlanError> errors)
    {
        var timings = new Dictionary<string, Timing>(StringComparer.Ordinal);
        foreach (var id in BuiltInTimings)
        {
            timings[id] = id == Meta.Any ? Timing.Any : new Timing(id, [], [], [], [], LocalTime.Midnight);
        }
        foreach (var t in plan.Timings)
        {
            // CGRateS parity: model_helpers.go NewTiming splits Time on ';' into start and end.
            var parts = t.Time.Split(';');
            var start = ParseTime(parts[0]);
            LocalTime? end = parts.Length > 1 && parts[1].Length > 0 ? ParseTime(parts[1]) : null;
            if (start is null)
            {
                errors.Add(new TariffPlanError(t.Location.File, t.Location.Line, "Time", $"invalid start time \"{parts[0]}\""));
                continue;
            }
            var startText = parts[0].StartsWith('*') || parts[0].Length == 0 ? "00:00:00" : parts[0];
            timings[t.Id] = new Timing(t.Id, t.Years, t.Months, t.MonthDays, t.WeekDays, start.Value, end, startText);
        }
        return timings;
    }

    /// <summary><c>HH:MM:SS</c>; empty and <c>*</c> words (<c>*asap</c>) mean midnight, as Go's ignored Atoi errors do.</summary>
    private static LocalTime? ParseTime(string text)
    {
        if (text.Length == 0 || text.StartsWith('*'))
        {
            return LocalTime.Midnight;
        }
        var parsed = s_timePattern.Parse(text);
        return parsed.Success ? parsed.Value : null;
    }

    private static List<RatingPlan> BuildPlans(TariffPlan plan, Dictionary<string, Timing> timings, Dictionary<string, List<TpRate>> rates,
        Dictionary<string, List<TpDestinationRate>> destinationRates, List<TariffPlanError> errors)
    {
        var tables = new Dictionary<TpDestinationRate, RateTable>(ReferenceEqualityComparer.Instance);
        var result = new List<RatingPlan>();
        foreach (var group in plan.RatingPlans.GroupBy(p => p.Id, StringComparer.Ordinal))
        {
            var byDestination = new Dictionary<string, List<RateInterval>>(StringComparer.Ordinal);
            foreach (var binding in group)
            {
                if (!timings.TryGetValue(binding.TimingId, out var timing))
                {
                    errors.Add(Located(binding.Location, "TimingID", $"unknown timing \"{binding.TimingId}\""));
                    continue;
                }
                if (!destinationRates.TryGetValue(binding.DestinationRatesId, out var drs))
                {
                    errors.Add(Located(binding.Location, "DestinationRatesID", $"unknown destination rates \"{binding.DestinationRatesId}\""));
                    continue;
                }
                foreach (var dr in drs)
                {
                    if (!tables.TryGetValue(dr, out var table))
                    {
                        if (!rates.TryGetValue(dr.RatesId, out var slots))
                        {
                            errors.Add(Located(dr.Location, "RatesID", $"unknown rates \"{dr.RatesId}\""));
                            continue;
                        }
                        // CGRateS parity: the connect fee is the first slot row's, in CSV order.
                        table = new RateTable(dr.RatesId, slots[0].ConnectFee, dr.RoundingMethod, dr.RoundingDecimals, dr.MaxCost, dr.MaxCostStrategy,
                            slots.Select(s => new RateSlot(s.GroupIntervalStart, s.Rate, s.RateIncrement, s.RateUnit)));
                        tables[dr] = table;
                    }
                    if (!byDestination.TryGetValue(dr.DestinationId, out var intervals))
                    {
                        byDestination[dr.DestinationId] = intervals = [];
                    }
                    // CGRateS parity: RatingPlan.AddRateInterval skips an interval already in the list.
                    if (!intervals.Exists(i => i.Timing == timing && i.Rating == table && i.Weight == binding.Weight))
                    {
                        intervals.Add(new RateInterval(timing, table, binding.Weight));
                    }
                }
            }
            result.Add(new RatingPlan(group.Key, byDestination.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal)));
        }
        return result;
    }

    private static List<RatingProfile> BuildProfiles(TariffPlan plan, TariffPlanReadOptions options, List<TariffPlanError> errors)
    {
        var result = new List<RatingProfile>();
        foreach (var group in plan.RatingProfiles.GroupBy(p => new RatingProfileKey(p.Tenant, p.Category, p.Subject)))
        {
            var activations = new List<RatingPlanActivation>();
            foreach (var row in group)
            {
                if (!GoTime.TryParse(row.ActivationTime, options.TimeZone, options.Now, out var at))
                {
                    errors.Add(Located(row.Location, "ActivationTime", $"invalid time \"{row.ActivationTime}\""));
                    continue;
                }
                var fallbacks = row.FallbackSubjects.Where(f => f.Length > 0).Select(f => group.Key with { Subject = f }).ToArray();
                activations.Add(new RatingPlanActivation(at.ToInstant(), row.RatingPlanId, fallbacks));
            }
            result.Add(new RatingProfile(group.Key, activations));
        }
        return result;
    }

    private static TariffPlanError Located(SourceLocation at, string column, string message) =>
        new(at.File, at.Line, column, string.Create(CultureInfo.InvariantCulture, $"{message}"));
}
