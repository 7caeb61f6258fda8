using NodaTime;

namespace Obol.TariffPlans;

/// <summary>
/// How to read a plan: <paramref name="TimeZone"/> and <paramref name="Now"/> are what CGRateS's time parsing uses for
/// zone-less and relative times (cgr-loader <c>-timezone</c>); <paramref name="FieldSeparator"/> is <c>-field_sep</c>.
/// </summary>
public sealed record TariffPlanReadOptions(DateTimeZone TimeZone, Instant Now, char FieldSeparator = ',');
