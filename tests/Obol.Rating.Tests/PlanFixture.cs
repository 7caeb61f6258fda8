using NodaTime;
using Obol.TariffPlans;

namespace Obol.Rating.Tests;

/// <summary>Loads a reference tariff plan from tests/data and builds a rating engine over it.</summary>
internal static class PlanFixture
{
    public static RatingEngine Engine(string plan, int roundingDecimals) =>
        new(Load(plan), new RatingOptions { RoundingDecimals = roundingDecimals });

    public static RatingDataSet Load(string plan)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", plan);
        var options = new TariffPlanReadOptions(DateTimeZone.Utc, Instant.FromUtc(2026, 1, 1, 0, 0));
        var read = TariffPlanReader.ReadFolder(folder, options);
        var blocking = read.Errors.Where(e => !e.IsWarning).ToList();
        if (blocking.Count > 0)
        {
            throw new InvalidOperationException($"{plan} did not read: {string.Join("; ", blocking)}");
        }
        var (data, errors) = RatingDataBuilder.Build(read.Plan, options);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{plan} did not build: {string.Join("; ", errors)}");
        }
        return data;
    }

    public static CallDescriptor Call(string tenant, string category, string subject, string destination, Instant start, Instant end,
        string tor = "*voice") => new()
        {
            Tenant = tenant,
            Category = category,
            Subject = subject,
            Destination = destination,
            TimeStart = start,
            TimeEnd = end,
            ToR = tor,
        };
}
