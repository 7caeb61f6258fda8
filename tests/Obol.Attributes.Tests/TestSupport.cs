using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Attributes.Tests;

/// <summary>Builders shared by the tests: events, API-shaped profiles, services, and the tutorial tariff plan.</summary>
internal static class TestSupport
{
    public const string Tenant = "cgrates.org";

    public static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 12, 0);

    public static CgrEvent Event(params (string Field, object? Value)[] fields) => EventFor(Tenant, fields);

    public static CgrEvent EventFor(string tenant, params (string Field, object? Value)[] fields)
    {
        var cgrEvent = new CgrEvent { Tenant = tenant, Id = "ev1" };
        foreach (var (field, value) in fields)
        {
            cgrEvent.Event[field] = value;
        }
        return cgrEvent;
    }

    public static CgrEvent WithOpt(this CgrEvent cgrEvent, string option, object? value)
    {
        cgrEvent.ApiOpts[option] = value;
        return cgrEvent;
    }

    public static AttributeDefinition Attr(string path, string type, string value, params string[] filterIds) =>
        new() { Path = path, Type = type, Value = value, FilterIds = filterIds };

    public static AttributeProfileDefinition Definition(string id, params AttributeDefinition[] attributes) => new()
    {
        Tenant = Tenant,
        Id = id,
        Contexts = ["*any"],
        Attributes = attributes,
    };

    public static AttributeProfile Profile(string id, params AttributeDefinition[] attributes) =>
        AttributeProfile.Compile(Definition(id, attributes));

    public static FilterService NoStoredFilters() => new(new FilterTable([]));

    public static AttributeService Service(params AttributeProfile[] profiles) => Service(AttributeOptions.Default, profiles);

    public static AttributeService Service(AttributeOptions options, params AttributeProfile[] profiles) =>
        new(AttributeTable.Create(profiles, NoStoredFilters(), options));

    /// <summary>Processes an event through one profile with a single attribute and returns the field it wrote.</summary>
    public static AttributeProcessResult Apply(AttributeDefinition attribute, CgrEvent cgrEvent) =>
        Service(Profile("ATTR_TEST", attribute)).ProcessEvent(cgrEvent, Now);

    public static string? Field(this AttributeProcessResult result, string field)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.Event!.Event.TryGetValue(field, out var value) ? Assert.IsType<string>(value) : null;
    }
}

/// <summary>samples/tariffplans/tutorial, read with the real tariff-plan reader.</summary>
internal static class TutorialPlan
{
    private static readonly Lazy<(TariffPlan Plan, FilterService Filters)> s_plan = new(Load);

    public static TariffPlan Plan => s_plan.Value.Plan;

    public static FilterService Filters => s_plan.Value.Filters;

    public static AttributeService Attributes(AttributeOptions? options = null) =>
        new(AttributeTable.FromTp(Plan.Attributes, Filters, options, DateTimeZone.Utc, TestSupport.Now));

    private static (TariffPlan, FilterService) Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial");
        var result = TariffPlanReader.ReadFolder(folder, new TariffPlanReadOptions(DateTimeZone.Utc, TestSupport.Now));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return (result.Plan, new FilterService(FilterTable.FromTp(result.Plan.Filters, DateTimeZone.Utc, TestSupport.Now)));
    }
}
