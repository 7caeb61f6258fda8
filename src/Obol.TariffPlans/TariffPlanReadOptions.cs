using NodaTime;

namespace Obol.TariffPlans;

/// <summary>
/// How to read a plan: <paramref name="TimeZone"/> and <paramref name="Now"/> are what CGRateS's time parsing uses for
/// zone-less and relative times (cgr-loader <c>-timezone</c>); <paramref name="FieldSeparator"/> is <c>-field_sep</c>.
/// </summary>
public sealed record TariffPlanReadOptions(DateTimeZone TimeZone, Instant Now, char FieldSeparator = ',')
{
    /// <summary>False checks each file's rows alone: a plan imported into StorDB may name IDs that only the plan in
    /// force holds, since loading it writes it over that plan.</summary>
    public bool ResolveReferences { get; init; } = true;
}
