using Xunit;
using static Obol.Attributes.Tests.TestSupport;

namespace Obol.Attributes.Tests;

/// <summary>The tutorial's Attributes.csv through AttributeS, as cgrates-reference.md §2.8 shows it.</summary>
public sealed class TutorialAttributeTests
{
    private static readonly AttributeService s_attributes = TutorialPlan.Attributes();

    [Fact]
    public void ProcessEvent_Account1001InSessions_SetsPrepaidAndAuthFields()
    {
        var result = s_attributes.ProcessEvent(Event(("Account", "1001")).WithOpt("*context", "*sessions"), Now);

        Assert.Null(result.Error);
        Assert.Equal(["cgrates.org:ATTR_1001_SESSIONAUTH"], result.MatchedProfiles);
        Assert.Equal(["*req.LCRProfile", "*req.Password", "*req.PaypalAccount", "*req.RequestType"], result.AlteredFields);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["Account"] = "1001",
                ["LCRProfile"] = "premium_cli",
                ["Password"] = "CGRateS.org",
                ["PaypalAccount"] = "cgrates@paypal.com",
                ["RequestType"] = "*prepaid",
            },
            result.Event!.Event);
        Assert.Equal("cgrates.org", result.Event.Tenant);
    }

    [Fact]
    public void ProcessEvent_Account1002InSessions_SetsPostpaidAndReportsUnprefixedPath()
    {
        var result = s_attributes.ProcessEvent(Event(("Account", "1002")).WithOpt("*context", "*sessions"), Now);

        Assert.Equal("*postpaid", result.Field("RequestType"));
        // The path ResourceAllocation has no *req. prefix: it is reported as altered but lands outside the event.
        Assert.Equal(["*req.LCRProfile", "*req.Password", "*req.PaypalAccount", "*req.RequestType", "ResourceAllocation"], result.AlteredFields);
        Assert.Null(result.Field("ResourceAllocation"));
    }

    [Fact]
    public void ProcessEvent_SimpleAuthContext_SetsOnlyThePassword()
    {
        var result = s_attributes.ProcessEvent(Event(("Account", "1003")).WithOpt("*context", "simpleauth"), Now);

        Assert.Equal(["cgrates.org:ATTR_1003_SIMPLEAUTH"], result.MatchedProfiles);
        Assert.Equal(["*req.Password"], result.AlteredFields);
        Assert.Null(result.Field("RequestType"));
    }

    [Fact]
    public void ProcessEvent_Subscriber1006InAnyContext_AliasesAccount1001()
    {
        var result = s_attributes.ProcessEvent(Event(("SubscriberId", "1006")).WithOpt("*context", "*cdrs"), Now);

        Assert.Equal(["cgrates.org:ATTR_ACC_ALIAS"], result.MatchedProfiles);
        Assert.Equal("1001", result.Field("Account"));
        Assert.Equal("*prepaid", result.Field("RequestType"));
    }

    [Fact]
    public void ProcessEvent_Subscriber1006WithTwoRuns_AliasesThenAppliesSessionAuth()
    {
        var cgrEvent = Event(("SubscriberId", "1006")).WithOpt("*context", "*sessions").WithOpt("*attrProcessRuns", 2m);

        var result = s_attributes.ProcessEvent(cgrEvent, Now);

        Assert.Equal(["cgrates.org:ATTR_ACC_ALIAS", "cgrates.org:ATTR_1001_SESSIONAUTH"], result.MatchedProfiles);
        Assert.Equal("CGRateS.org", result.Field("Password"));
        Assert.Equal(["*req.Account", "*req.LCRProfile", "*req.Password", "*req.PaypalAccount", "*req.RequestType"], result.AlteredFields);
    }

    [Fact]
    public void ProcessEvent_TenantAliasWithTwoRuns_SwitchesTenantThenMatchesInIt()
    {
        var cgrEvent = EventFor("cgrates.com", ("SubscriberId", "1006")).WithOpt("*attrProcessRuns", 2);

        var result = s_attributes.ProcessEvent(cgrEvent, Now);

        Assert.Equal(["cgrates.com:ATTR_TNT_ALIAS", "cgrates.org:ATTR_ACC_ALIAS"], result.MatchedProfiles);
        Assert.Equal("cgrates.org", result.Event!.Tenant);
        Assert.Equal(["*req.Account", "*req.RequestType", "*tenant"], result.AlteredFields);
    }

    [Fact]
    public void ProcessEvent_NoProfileMatches_ReturnsNotFoundWithUnchangedCopy()
    {
        var result = s_attributes.ProcessEvent(Event(("Account", "2000")).WithOpt("*context", "*sessions"), Now);

        Assert.Equal("NOT_FOUND", result.Error);
        Assert.Empty(result.MatchedProfiles);
        Assert.Equal("2000", result.Event!.Event["Account"]);
    }

    [Fact]
    public void ProcessEvent_CallersEvent_IsNotChanged()
    {
        var cgrEvent = Event(("Account", "1001")).WithOpt("*context", "*sessions");

        s_attributes.ProcessEvent(cgrEvent, Now);

        Assert.Equal(["Account"], cgrEvent.Event.Keys);
    }

    [Fact]
    public void GetAttributeForEvent_Account1002InSessions_ReturnsTheSessionAuthProfile()
    {
        var result = s_attributes.GetAttributeForEvent(Event(("Account", "1002")).WithOpt("*context", "*sessions"), Now);

        Assert.Null(result.Error);
        Assert.Equal("ATTR_1002_SESSIONAUTH", result.Profile!.Id);
        Assert.Equal(5, result.Profile.Attributes.Count);
        Assert.Equal("Attributes.csv:14", result.Profile.Location.ToString());
    }

    [Fact]
    public void GetAttributeForEvent_NoContext_UsesDefaultContextAndFindsNothingForAnAccount()
    {
        var result = s_attributes.GetAttributeForEvent(Event(("Account", "1001")), Now);

        Assert.Equal("NOT_FOUND", result.Error);
    }
}
