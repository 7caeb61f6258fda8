using NodaTime;
using Obol.Attributes;
using Obol.Events;
using Obol.Filters;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Chargers.Tests;

internal static class TestSupport
{
    public const string Tenant = "cgrates.org";

    public static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 12, 0);

    public static CgrEvent Event(params (string Field, object? Value)[] fields)
    {
        var cgrEvent = new CgrEvent { Tenant = Tenant, Id = "ev1" };
        foreach (var (field, value) in fields)
        {
            cgrEvent.Event[field] = value;
        }
        return cgrEvent;
    }

    public static FilterService NoStoredFilters() => new(new FilterTable([]));

    public static ChargerProfile Charger(string id, string runId, decimal weight = 0, string[]? filterIds = null, params string[] attributeIds) =>
        ChargerProfile.Compile(new ChargerProfileDefinition
        {
            Tenant = Tenant,
            Id = id,
            RunId = runId,
            Weight = weight,
            FilterIds = filterIds ?? [],
            AttributeIds = attributeIds,
        });

    public static AttributeService AttributesOf(params AttributeProfileDefinition[] definitions) =>
        new(AttributeTable.Create(definitions.Select(d => AttributeProfile.Compile(d)), NoStoredFilters()));

    public static ChargerService Service(AttributeService? attributes, params ChargerProfile[] profiles) =>
        new(ChargerTable.Create(profiles, NoStoredFilters()), attributes);
}

/// <summary>samples/tariffplans/tutorial, read with the real tariff-plan reader.</summary>
internal static class TutorialPlan
{
    private static readonly Lazy<(TariffPlan Plan, FilterService Filters)> s_plan = new(Load);

    public static ChargerService Chargers()
    {
        var (plan, filters) = s_plan.Value;
        var attributes = new AttributeService(AttributeTable.FromTp(plan.Attributes, filters, null, DateTimeZone.Utc, TestSupport.Now));
        return new ChargerService(ChargerTable.FromTp(plan.Chargers, filters, null, DateTimeZone.Utc, TestSupport.Now), attributes);
    }

    private static (TariffPlan, FilterService) Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial");
        var result = TariffPlanReader.ReadFolder(folder, new TariffPlanReadOptions(DateTimeZone.Utc, TestSupport.Now));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return (result.Plan, new FilterService(FilterTable.FromTp(result.Plan.Filters, DateTimeZone.Utc, TestSupport.Now)));
    }
}
