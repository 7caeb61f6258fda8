using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.TariffPlans;

namespace Obol.Stats.Tests;

/// <summary>samples/tariffplans/tutorial read with the real reader, its filters compiled and its Stats.csv profiles.</summary>
internal static class TutorialPlan
{
    public static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 12, 0);

    private static readonly Lazy<TariffPlan> s_plan = new(() =>
    {
        var read = TariffPlanReader.ReadFolder(Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"),
            new TariffPlanReadOptions(DateTimeZone.Utc, Now));
        return read.Succeeded ? read.Plan : throw new InvalidOperationException(string.Join('\n', read.Errors));
    });

    public static TariffPlan Plan => s_plan.Value;

    public static FilterService Filters() => new(FilterTable.FromTp(Plan.Filters, DateTimeZone.Utc, Now));

    public static StatService StatService(IStatQueueStore? store = null, IEnumerable<StatQueueProfile>? extra = null, StatServiceOptions? options = null)
    {
        var filters = Filters();
        var service = new StatService(filters, options, store);
        var profiles = Plan.Stats.Select(tp => StatQueueProfileDefinition.FromTp(tp, DateTimeZone.Utc, Now)).Concat(extra ?? []);
        service.SetProfiles(IndexedProfiles.Build(profiles, filters, service.IndexOptions));
        return service;
    }

    public static CgrEvent Cdr(string id, string account, string destination, string usage, decimal cost) => new()
    {
        Tenant = "cgrates.org",
        Id = id,
        Time = Now,
        Event =
        {
            ["Account"] = account,
            ["Destination"] = destination,
            ["RunID"] = "*default",
            ["AnswerTime"] = "2026-01-01T11:58:00Z",
            ["Usage"] = usage,
            ["Cost"] = cost,
        },
    };
}
