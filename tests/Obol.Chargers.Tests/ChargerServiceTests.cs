using NodaTime;
using Obol.Attributes;
using Obol.Events;
using Obol.TariffPlans;
using Xunit;
using static Obol.Chargers.Tests.TestSupport;

namespace Obol.Chargers.Tests;

public sealed class ChargerServiceTests
{
    private static AttributeProfileDefinition Attribute(string id, string[] contexts, string filterId, string path, string value) => new()
    {
        Tenant = Tenant,
        Id = id,
        Contexts = contexts,
        FilterIds = [filterId],
        Attributes = [new AttributeDefinition { Path = path, Type = "*constant", Value = value }],
    };

    [Fact]
    public void ProcessEvent_Weights_OrderTheRunsHeaviestFirst()
    {
        var service = Service(null, Charger("LIGHT", "*light", 10, null, "*none"), Charger("HEAVY", "*heavy", 20, null, "*none"));

        Assert.Equal(["*heavy", "*light"], service.ProcessEvent(Event(), Now).Runs.Select(r => r.CgrEvent.Event["RunID"]));
    }

    [Fact]
    public void ProcessEvent_ChargerFilter_SelectsTheProfile()
    {
        var service = Service(null,
            Charger("FOR_1001", "*r1001", 0, ["*string:~*req.Account:1001"], "*none"),
            Charger("FOR_1002", "*r1002", 0, ["*string:~*req.Account:1002"], "*none"));

        Assert.Equal(["FOR_1002"], service.ProcessEvent(Event(("Account", "1002")), Now).Runs.Select(r => r.ChargerSProfile));
        Assert.Equal("NOT_FOUND", service.ProcessEvent(Event(("Account", "1003")), Now).Error);
    }

    [Fact]
    public void ProcessEvent_NoAttributeIds_LetsAttributeSChooseInChargersContext()
    {
        var attributes = AttributesOf(
            Attribute("ATTR_CHRG", ["*chargers"], "*string:~*req.RunID:*rated", "*req.Category", "rated_call"),
            Attribute("ATTR_SESS", ["*sessions"], "*string:~*req.RunID:*rated", "*req.Category", "session_call"));
        var service = Service(attributes, Charger("RATED", "*rated"));

        var run = Assert.Single(service.ProcessEvent(Event(), Now).Runs);

        Assert.Equal(["cgrates.org:ATTR_CHRG"], run.AttributeSProfiles);
        Assert.Equal("rated_call", run.CgrEvent.Event["Category"]);
        Assert.Equal(["*req.RunID", "*req.Category"], run.AlteredFields);
    }

    [Fact]
    public void ProcessEvent_CallersContext_IsPassedOnAndKept()
    {
        var attributes = AttributesOf(Attribute("ATTR_SESS", ["*sessions"], "*string:~*req.RunID:*rated", "*req.Category", "session_call"));
        var service = Service(attributes, Charger("RATED", "*rated"));
        var cgrEvent = Event();
        cgrEvent.ApiOpts["*context"] = "*sessions";

        var run = Assert.Single(service.ProcessEvent(cgrEvent, Now).Runs);

        Assert.Equal("session_call", run.CgrEvent.Event["Category"]);
        Assert.Equal("*sessions", run.CgrEvent.ApiOpts["*context"]);
    }

    [Fact]
    public void ProcessEvent_AttributesFindNothing_KeepsTheRunWithAnEmptyProfileList()
    {
        var service = Service(AttributesOf(), Charger("RATED", "*rated", 0, null, "ATTR_MISSING"));

        var run = Assert.Single(service.ProcessEvent(Event(), Now).Runs);

        Assert.Equal([], run.AttributeSProfiles);
        Assert.Equal(["*req.RunID"], run.AlteredFields);
        Assert.False(run.CgrEvent.ApiOpts.ContainsKey("*context"));
    }

    [Fact]
    public void ProcessEvent_AttributeError_FailsTheWholeCall()
    {
        var service = Service(AttributesOf(), Charger("RATED", "*rated", 0, null, "*variable:*req.F:~*req.Missing{*duration_seconds}"));

        var result = service.ProcessEvent(Event(("Missing", "soon")), Now);

        Assert.Equal("SERVER_ERROR: SERVER_ERROR: time: invalid duration \"soon\"", result.Error);
        Assert.Empty(result.Runs);
    }

    [Fact]
    public void ProcessEvent_NoAttributeService_IsServerErrorForMissingConnections() =>
        Assert.Equal("SERVER_ERROR: MANDATORY_IE_MISSING: [connIDs]",
            Service(null, Charger("RATED", "*rated", 0, null, "ATTR_X")).ProcessEvent(Event(), Now).Error);

    [Fact]
    public void ProcessEvent_EventTimeOutsideActivation_SkipsTheProfile()
    {
        var expired = ChargerProfile.Compile(new ChargerProfileDefinition
        {
            Tenant = Tenant,
            Id = "OLD",
            RunId = "*old",
            AttributeIds = ["*none"],
            ActivationInterval = new ActivationIntervalDefinition { ExpiryTime = Instant.FromUtc(2020, 1, 1, 0, 0) },
        });
        var service = Service(null, expired, Charger("NEW", "*new", 0, null, "*none"));
        var cgrEvent = Event();
        cgrEvent.Time = Instant.FromUtc(2021, 1, 1, 0, 0);

        Assert.Equal(["NEW"], service.ProcessEvent(cgrEvent, Now).Runs.Select(r => r.ChargerSProfile));
    }

    [Fact]
    public void Load_TableWithAnotherProfile_ChangesTheRuns()
    {
        var service = Service(null, Charger("A", "*a", 0, null, "*none"));

        service.Load(ChargerTable.Create([Charger("A", "*a", 0, null, "*none"), Charger("B", "*b", 5, null, "*none")], service.Table.Filters));
        Assert.Equal(["B", "A"], service.GetChargersForEvent(Event(), Now).Profiles.Select(p => p.Id));

        service.Load(ChargerTable.Create([Charger("A", "*a", 0, null, "*none")], service.Table.Filters));
        Assert.Equal(["A"], service.GetChargersForEvent(Event(), Now).Profiles.Select(p => p.Id));
    }

    [Theory]
    [InlineData(new[] { "*none", "ATTR_1" }, "*none must be the only attribute ID")]
    [InlineData(new[] { "*constant:*req.RequestType" }, "inline parse error")]
    [InlineData(new[] { "*bogus:*req.A:1" }, "unsupported type: <*bogus>")]
    public void Compile_BadAttributeIds_AreRefused(string[] attributeIds, string reason) =>
        Assert.Contains(reason, Assert.Throws<ChargerDefinitionException>(() => Charger("BAD", "*bad", 0, null, attributeIds)).Message);

    [Fact]
    public void Compile_MissingId_IsMandatoryIeMissing() =>
        Assert.Equal("MANDATORY_IE_MISSING: [ID]",
            Assert.Throws<ChargerDefinitionException>(() => ChargerProfile.Compile(new ChargerProfileDefinition { Tenant = Tenant })).WireError);

    [Fact]
    public void FromTp_BadProfile_NamesTheFileAndLine()
    {
        var result = TariffPlanReader.ReadFiles([("Chargers.csv", new StringReader("""
            #Tenant,ID,FilterIDs,ActivationInterval,RunID,AttributeIDs,Weight
            cgrates.org,DEFAULT,,,*default,*none,0
            cgrates.org,BROKEN,,,*raw,*constant:*req.RequestType,0
            """))], new TariffPlanReadOptions(DateTimeZone.Utc, Now));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));

        var error = Assert.Throws<ChargerDefinitionException>(() =>
            ChargerTable.FromTp(result.Plan.Chargers, NoStoredFilters(), null, DateTimeZone.Utc, Now));

        Assert.StartsWith("Chargers.csv:3: charger profile cgrates.org:BROKEN:", error.Message);
    }
}
