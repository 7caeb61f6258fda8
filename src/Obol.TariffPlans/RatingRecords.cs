using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>Timings.csv. Empty lists mean "any"; <see cref="WeekDays"/> are as written, 0..7 (7 is Sunday too).
/// <see cref="Time"/> is <c>HH:MM:SS</c>, a <c>*</c> word such as <c>*asap</c>, or <c>start;end</c>.</summary>
public sealed record TpTiming(SourceLocation Location, string Id, int[] Years, int[] Months, int[] MonthDays, int[] WeekDays, string Time);

/// <summary>Destinations.csv: one prefix per row.</summary>
public sealed record TpDestination(SourceLocation Location, string Id, string Prefix);

/// <summary>Rates.csv: one rate slot per row; rows with the same Id form the rate's groups.</summary>
public sealed record TpRate(
    SourceLocation Location,
    string Id,
    decimal ConnectFee,
    decimal Rate,
    Usage RateUnit,
    Usage RateIncrement,
    Usage GroupIntervalStart);

/// <summary>DestinationRates.csv. <see cref="RoundingMethodText"/> keeps the wire string (empty when unset).</summary>
public sealed record TpDestinationRate(
    SourceLocation Location,
    string Id,
    string DestinationId,
    string RatesId,
    RoundingMethod RoundingMethod,
    string RoundingMethodText,
    int RoundingDecimals,
    decimal MaxCost,
    string MaxCostStrategy);

/// <summary>RatingPlans.csv: one DestinationRates binding per row.</summary>
public sealed record TpRatingPlan(SourceLocation Location, string Id, string DestinationRatesId, string TimingId, decimal Weight);

/// <summary>RatingProfiles.csv: one activation per row. <see cref="ActivationTime"/> is the validated raw text,
/// to be parsed with the loader's zone.</summary>
public sealed record TpRatingProfile(
    SourceLocation Location,
    string Tenant,
    string Category,
    string Subject,
    string ActivationTime,
    string RatingPlanId,
    string[] FallbackSubjects);
