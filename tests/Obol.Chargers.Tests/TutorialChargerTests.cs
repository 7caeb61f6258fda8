using Xunit;
using static Obol.Chargers.Tests.TestSupport;

namespace Obol.Chargers.Tests;

/// <summary>The tutorial's Chargers.csv (DEFAULT and Raw) with its AttributeS, as cgrates-reference.md §2.8 shows it.</summary>
public sealed class TutorialChargerTests
{
    private static readonly ChargerService s_chargers = TutorialPlan.Chargers();

    [Fact]
    public void ProcessEvent_Account1001_ForksDefaultAndRawRuns()
    {
        var result = s_chargers.ProcessEvent(Event(("Account", "1001"), ("RequestType", "*prepaid")), Now);

        Assert.Null(result.Error);
        Assert.Equal(["DEFAULT", "Raw"], result.Runs.Select(r => r.ChargerSProfile));

        var standard = result.Runs[0];
        Assert.Null(standard.AttributeSProfiles);
        Assert.Equal(["*req.RunID"], standard.AlteredFields);
        Assert.Equal("*default", standard.CgrEvent.Event["RunID"]);
        Assert.Equal("*prepaid", standard.CgrEvent.Event["RequestType"]);
        Assert.Equal(new Dictionary<string, object?> { ["*subsys"] = "*chargers" }, standard.CgrEvent.ApiOpts);

        var raw = result.Runs[1];
        Assert.Equal(["*constant:*req.RequestType:*none"], raw.AttributeSProfiles);
        Assert.Equal(["*req.RunID", "*req.RequestType"], raw.AlteredFields);
        Assert.Equal("*raw", raw.CgrEvent.Event["RunID"]);
        Assert.Equal("*none", raw.CgrEvent.Event["RequestType"]);
        Assert.Equal("*chargers", raw.CgrEvent.ApiOpts["*subsys"]);
        // The context ChargerS added for AttributeS is taken out again; the attribute IDs stay, as in CGRateS.
        Assert.False(raw.CgrEvent.ApiOpts.ContainsKey("*context"));
        Assert.Equal(new List<object?> { "*constant:*req.RequestType:*none" }, raw.CgrEvent.ApiOpts["*attrProfileIDs"]);
    }

    [Fact]
    public void ProcessEvent_CallersEvent_IsNotChanged()
    {
        var cgrEvent = Event(("Account", "1001"));

        s_chargers.ProcessEvent(cgrEvent, Now);

        Assert.Equal(["Account"], cgrEvent.Event.Keys);
        Assert.Empty(cgrEvent.ApiOpts);
    }

    [Fact]
    public void GetChargersForEvent_AnyEventOfTheTenant_ReturnsBothProfiles()
    {
        var result = s_chargers.GetChargersForEvent(Event(("Account", "1002")), Now);

        Assert.Equal(["DEFAULT", "Raw"], result.Profiles.Select(p => p.Id));
        Assert.Equal("Chargers.csv:2", result.Profiles[0].Location.ToString());
    }

    [Fact]
    public void ProcessEvent_TenantWithoutChargers_IsNotFound() =>
        Assert.Equal("NOT_FOUND", s_chargers.ProcessEvent(new Obol.Events.CgrEvent { Tenant = "cgrates.com" }, Now).Error);
}
