using System.Globalization;
using Obol.TariffPlans;

namespace Obol.CdrServer.Tests;

/// <summary>Rating-only tariff plans: no accounts or action plans, so loading one changes prices and nothing else.</summary>
internal static class TestPlans
{
    /// <summary>Every call of cgrates.org costs <paramref name="perMinute"/> a started minute (4 decimals, *up).</summary>
    public static IReadOnlyList<TariffPlanFile> PerMinute(decimal perMinute) => Plan(
        $"RT_ANY,0,{perMinute.ToString(CultureInfo.InvariantCulture)},60s,60s,0s", "*up,4");

    /// <summary>Charged by the second at <paramref name="perMinute"/> a minute, each span's cost rounded up to cents.</summary>
    public static IReadOnlyList<TariffPlanFile> PerSecondToCents(decimal perMinute) => Plan(
        $"RT_ANY,0,{perMinute.ToString(CultureInfo.InvariantCulture)},60s,1s,0s", "*up,2");

    /// <summary>CGRateS's reratecdrs plan (data/tariffplans/reratecdrs): 0.6 a minute by the second, 20 decimals.</summary>
    public static IReadOnlyList<TariffPlanFile> RerateCdrs { get; } = Plan("RT_ANY,0,0.6,60s,1s,0s", "*up,20");

    private static IReadOnlyList<TariffPlanFile> Plan(string rate, string rounding) =>
    [
        new("Rates.csv", "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\n" + rate + "\n"),
        new("DestinationRates.csv", $"#Id,DestinationId,RatesTag,RoundingMethod,RoundingDecimals,MaxCost,MaxCostStrategy\nDR_ANY,*any,RT_ANY,{rounding},0,\n"),
        new("RatingPlans.csv", "#Id,DestinationRatesId,TimingTag,Weight\nRP_ANY,DR_ANY,*any,10\n"),
        new("RatingProfiles.csv", "#Tenant,Category,Subject,ActivationTime,RatingPlanId,RatesFallbackSubject\ncgrates.org,call,*any,2014-01-14T00:00:00Z,RP_ANY,\n"),
    ];
}
