using NodaTime;

namespace Obol.Rals;

/// <summary>One tariff-plan load as CGRateS's utils.LoadInstance. Obol loads rating and accounting data as one, so both
/// IDs are the load ID the load gave its partitions.</summary>
public sealed record LoadInstance(string LoadId, string RatingLoadId, string AccountingLoadId, Instant LoadTime);
