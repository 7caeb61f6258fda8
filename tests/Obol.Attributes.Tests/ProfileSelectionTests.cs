using NodaTime;
using Obol.Events;
using Xunit;
using static Obol.Attributes.Tests.TestSupport;

namespace Obol.Attributes.Tests;

/// <summary>How AttributeS picks the profile of each run: contexts, weights, blockers, runs, IDs, filters, activation.</summary>
public sealed class ProfileSelectionTests
{
    private static AttributeProfile InContexts(string id, string[] contexts, decimal weight, string[] filterIds, params AttributeDefinition[] attributes) =>
        AttributeProfile.Compile(Definition(id, attributes) with { Contexts = contexts, Weight = weight, FilterIds = filterIds });

    private static AttributeProfile Weighted(string id, decimal weight, string filterId, string field, string value, bool blocker = false) =>
        AttributeProfile.Compile(Definition(id, Attr("*req." + field, "*constant", value)) with
        {
            Weight = weight,
            FilterIds = [filterId],
            Blocker = blocker,
        });

    [Fact]
    public void ProcessEvent_ProfileOfAnotherContext_IsNotACandidate()
    {
        var service = Service(InContexts("ATTR_A", ["ctxA"], 0, [], Attr("*req.F", "*constant", "a")));

        Assert.Equal("NOT_FOUND", service.ProcessEvent(Event().WithOpt("*context", "ctxB"), Now).Error);
        Assert.Equal("a", service.ProcessEvent(Event().WithOpt("*context", "ctxA"), Now).Field("F"));
    }

    [Fact]
    public void ProcessEvent_NoContextOption_UsesDefaultContext()
    {
        var service = Service(InContexts("ATTR_D", ["*default"], 0, [], Attr("*req.F", "*constant", "d")));

        Assert.Equal("d", service.ProcessEvent(Event(), Now).Field("F"));
    }

    [Fact]
    public void ProcessEvent_AnyContextProfile_CompetesByWeightWithTheContextOnes()
    {
        var service = Service(
            InContexts("ATTR_CTX", ["*sessions"], 10, [], Attr("*req.F", "*constant", "ctx")),
            InContexts("ATTR_ANY", ["*any"], 20, [], Attr("*req.F", "*constant", "any")));

        Assert.Equal("any", service.ProcessEvent(Event().WithOpt("*context", "*sessions"), Now).Field("F"));
    }

    [Fact]
    public void ProcessEvent_AnyContextOff_UsesAnyProfilesOnlyWhenTheContextHasNone()
    {
        var options = AttributeOptions.Default with { AnyContext = false };
        var service = Service(options,
            InContexts("ATTR_CTX", ["*sessions"], 10, [], Attr("*req.F", "*constant", "ctx")),
            InContexts("ATTR_ANY", ["*any"], 20, [], Attr("*req.F", "*constant", "any")));

        Assert.Equal("ctx", service.ProcessEvent(Event().WithOpt("*context", "*sessions"), Now).Field("F"));
        Assert.Equal("any", service.ProcessEvent(Event().WithOpt("*context", "*cdrs"), Now).Field("F"));
    }

    [Fact]
    public void ProcessEvent_ProfileWithoutContexts_NeverMatches()
    {
        var service = Service(InContexts("ATTR_NONE", [], 0, [], Attr("*req.F", "*constant", "x")));

        Assert.Equal("NOT_FOUND", service.ProcessEvent(Event().WithOpt("*context", "*sessions"), Now).Error);
    }

    [Fact]
    public void ProcessEvent_TwoMatches_HeavierWins()
    {
        var service = Service(
            Weighted("ATTR_LIGHT", 10, "*string:~*req.Account:1001", "F", "light"),
            Weighted("ATTR_HEAVY", 20, "*prefix:~*req.Account:10", "F", "heavy"));

        var result = service.ProcessEvent(Event(("Account", "1001")), Now);

        Assert.Equal(["cgrates.org:ATTR_HEAVY"], result.MatchedProfiles);
        Assert.Equal("heavy", result.Field("F"));
    }

    [Fact]
    public void ProcessEvent_SeveralRuns_AppliesEachProfileOnceInWeightOrder()
    {
        var service = Service(
            Weighted("ATTR_A", 30, "*string:~*req.Account:1001", "A", "1"),
            Weighted("ATTR_B", 20, "*string:~*req.Account:1001", "B", "1"),
            Weighted("ATTR_C", 10, "*string:~*req.Account:1001", "C", "1"));

        var result = service.ProcessEvent(Event(("Account", "1001")).WithOpt("*attrProcessRuns", 3).WithOpt("*attrProfileRuns", 1), Now);

        Assert.Equal(["cgrates.org:ATTR_A", "cgrates.org:ATTR_B", "cgrates.org:ATTR_C"], result.MatchedProfiles);
    }

    [Fact]
    public void ProcessEvent_NoProfileRunsLimit_AlternatesTheTwoHeaviest()
    {
        var service = Service(
            Weighted("ATTR_A", 30, "*string:~*req.Account:1001", "A", "1"),
            Weighted("ATTR_B", 20, "*string:~*req.Account:1001", "B", "1"),
            Weighted("ATTR_C", 10, "*string:~*req.Account:1001", "C", "1"));

        var result = service.ProcessEvent(Event(("Account", "1001")).WithOpt("*attrProcessRuns", "4"), Now);

        // The profile of the previous run is never taken twice in a row; nothing else stops it.
        Assert.Equal(["cgrates.org:ATTR_A", "cgrates.org:ATTR_B", "cgrates.org:ATTR_A", "cgrates.org:ATTR_B"], result.MatchedProfiles);
    }

    [Fact]
    public void ProcessEvent_RunCounter_IsReadableAsAVariable()
    {
        var service = Service(
            Weighted("ATTR_A", 30, "*string:~*req.Account:1001", "A", "1"),
            AttributeProfile.Compile(Definition("ATTR_B", Attr("*req.Run", "*variable", "~*vars.*processRuns")) with
            {
                Weight = 20,
                FilterIds = ["*string:~*req.Account:1001"],
            }));

        Assert.Equal("2", service.ProcessEvent(Event(("Account", "1001")).WithOpt("*attrProcessRuns", 2), Now).Field("Run"));
    }

    [Fact]
    public void ProcessEvent_LaterRunFailingOnAMissingField_KeepsWhatItWroteButDoesNotReportIt()
    {
        var service = Service(
            Weighted("ATTR_A", 30, "*string:~*req.Account:1001", "A", "1"),
            AttributeProfile.Compile(Definition("ATTR_B",
                Attr("*req.B", "*constant", "written"),
                Attr("*req.C", "*variable", "~*req.Missing")) with
            {
                Weight = 20,
                FilterIds = ["*string:~*req.Account:1001"],
            }));

        var result = service.ProcessEvent(Event(("Account", "1001")).WithOpt("*attrProcessRuns", 2), Now);

        // CGRateS changes the event in place; the failed run's profile and fields are left out of the reply.
        Assert.Null(result.Error);
        Assert.Equal(["cgrates.org:ATTR_A"], result.MatchedProfiles);
        Assert.Equal(["*req.A"], result.AlteredFields);
        Assert.Equal("written", result.Field("B"));
    }

    [Fact]
    public void ProcessEvent_Blocker_StopsFurtherRuns()
    {
        var service = Service(
            Weighted("ATTR_A", 30, "*string:~*req.Account:1001", "A", "1", blocker: true),
            Weighted("ATTR_B", 20, "*string:~*req.Account:1001", "B", "1"));

        var result = service.ProcessEvent(Event(("Account", "1001")).WithOpt("*attrProcessRuns", 3), Now);

        Assert.Equal(["cgrates.org:ATTR_A"], result.MatchedProfiles);
    }

    [Fact]
    public void ProcessEvent_LaterRunFindsNothing_EndsWithoutError()
    {
        var service = Service(Weighted("ATTR_A", 30, "*string:~*req.Account:1001", "A", "1"));

        var result = service.ProcessEvent(Event(("Account", "1001")).WithOpt("*attrProcessRuns", 5), Now);

        Assert.Null(result.Error);
        Assert.Equal(["cgrates.org:ATTR_A"], result.MatchedProfiles);
    }

    [Fact]
    public void ProcessEvent_DefaultProcessRunsFromOptions_AppliesSeveralProfiles()
    {
        var service = Service(AttributeOptions.Default with { ProcessRuns = 2 },
            Weighted("ATTR_A", 30, "*string:~*req.Account:1001", "A", "1"),
            Weighted("ATTR_B", 20, "*string:~*req.Account:1001", "B", "1"));

        Assert.Equal(2, service.ProcessEvent(Event(("Account", "1001")), Now).MatchedProfiles.Count);
    }

    [Fact]
    public void ProcessEvent_ProfileIds_OnlyThoseAreCandidatesInListOrderForTies()
    {
        var service = Service(
            Weighted("ATTR_A", 10, "*string:~*req.Account:1001", "F", "a"),
            Weighted("ATTR_B", 10, "*string:~*req.Account:1001", "F", "b"),
            Weighted("ATTR_C", 50, "*string:~*req.Account:1001", "F", "c"));

        var result = service.ProcessEvent(Event(("Account", "1001")).WithOpt("*attrProfileIDs", new List<object?> { "ATTR_MISSING", "ATTR_B", "ATTR_A" }), Now);

        Assert.Equal(["cgrates.org:ATTR_B"], result.MatchedProfiles);
    }

    [Fact]
    public void ProcessEvent_ProfileIdsIgnoringFilters_MatchesAFailingProfile()
    {
        var service = Service(Weighted("ATTR_A", 10, "*string:~*req.Account:1001", "F", "a"));
        var cgrEvent = Event(("Account", "2002")).WithOpt("*attrProfileIDs", new[] { "ATTR_A" });

        Assert.Equal("NOT_FOUND", service.ProcessEvent(cgrEvent, Now).Error);
        Assert.Equal("a", service.ProcessEvent(cgrEvent.WithOpt("*attrProfileIgnoreFilters", true), Now).Field("F"));
    }

    [Fact]
    public void ProcessEvent_IgnoreFiltersWithoutProfileIds_StillChecksFilters()
    {
        var service = Service(Weighted("ATTR_A", 10, "*string:~*req.Account:1001", "F", "a"));

        Assert.Equal("NOT_FOUND", service.ProcessEvent(Event(("Account", "2002")).WithOpt("*attrProfileIgnoreFilters", true), Now).Error);
    }

    [Fact]
    public void ProcessEvent_InlineProfileId_IsBuiltFromTheRule()
    {
        var result = Service().ProcessEvent(Event(("Account", "1001")).WithOpt("*attrProfileIDs", new[] { "*constant:*req.RequestType:*none;*variable:*req.Subject:~*req.Account" }), Now);

        Assert.Equal(["*constant:*req.RequestType:*none;*variable:*req.Subject:~*req.Account"], result.MatchedProfiles);
        Assert.Equal("*none", result.Field("RequestType"));
        Assert.Equal("1001", result.Field("Subject"));
    }

    [Fact]
    public void ProcessEvent_BrokenInlineProfileId_IsServerError() =>
        Assert.StartsWith("SERVER_ERROR: inline attribute profile <*constant:nopath>",
            Service().ProcessEvent(Event().WithOpt("*attrProfileIDs", new[] { "*constant:nopath" }), Now).Error);

    [Fact]
    public void ProcessEvent_AttributeFilter_SeesTheEventAsAlteredSoFar()
    {
        var service = Service(Profile("ATTR_CHAIN",
            Attr("*req.Category", "*constant", "premium"),
            Attr("*req.Discount", "*constant", "10", "*string:~*req.Category:premium"),
            Attr("*req.Penalty", "*constant", "5", "*string:~*req.Category:call")));

        var result = service.ProcessEvent(Event(("Category", "call")), Now);

        Assert.Equal("10", result.Field("Discount"));
        Assert.Null(result.Field("Penalty"));
        Assert.Equal(["*req.Category", "*req.Discount"], result.AlteredFields);
    }

    [Fact]
    public void ProcessEvent_ProcessedProfilesVariable_ChainsProfiles()
    {
        // engine/attributes_test.go TestAttributesV1ProcessEventMultipleRuns2.
        var service = Service(
            AttributeProfile.Compile(Definition("ATTR1", Attr("*req.Password", "*constant", "CGRateS.org")) with { Weight = 10 }),
            AttributeProfile.Compile(Definition("ATTR2", Attr("*req.RequestType", "*constant", "*postpaid")) with
            {
                Weight = 20,
                FilterIds = ["*exists:~*vars.*processedProfileIDs[cgrates.org:ATTR1]:"],
            }),
            AttributeProfile.Compile(Definition("ATTR3", Attr("*req.PaypalAccount", "*constant", "cgrates@paypal.com")) with
            {
                Weight = 30,
                FilterIds = ["*exists:~*vars.*processedProfileIDs[cgrates.org:ATTR2]:"],
            }));

        var result = service.ProcessEvent(Event().WithOpt("*attrProcessRuns", 3).WithOpt("*context", "*any"), Now);

        Assert.Equal(["cgrates.org:ATTR1", "cgrates.org:ATTR2", "cgrates.org:ATTR3"], result.MatchedProfiles);
        Assert.Equal(["*req.Password", "*req.PaypalAccount", "*req.RequestType"], result.AlteredFields);
    }

    [Fact]
    public void ProcessEvent_TenantRewriteAndComposedTenant_MatchesInTheNewTenant()
    {
        // engine/attributes_test.go TestAttributesV1ProcessEvent.
        var rewrite = AttributeProfile.Compile(Definition("ATTR_CHANGE_TENANT_FROM_USER",
            Attr("*tenant", "*variable", "~*req.Account:s/(.*)@(.*)/${1}.${2}/"),
            Attr("*req.Account", "*variable", "~*req.Account:s/(dan)@(.*)/${1}.${2}/:s/(adrian)@(.*)/andrei.${2}/"),
            Attr("*tenant", "*composed", ".co.uk")) with
        {
            Weight = 20,
            FilterIds = ["*string:~*req.Account:dan@itsyscom.com|adrian@itsyscom.com"],
        });
        var password = AttributeProfile.Compile(Definition("ATTR_MATCH_TENANT", Attr("*req.Password", "*constant", "CGRATES.ORG")) with
        {
            Tenant = "adrian.itsyscom.com.co.uk",
            Weight = 20,
        });

        var result = Service(rewrite, password).ProcessEvent(Event(("Account", "adrian@itsyscom.com")).WithOpt("*attrProcessRuns", 2), Now);

        Assert.Equal(["cgrates.org:ATTR_CHANGE_TENANT_FROM_USER", "adrian.itsyscom.com.co.uk:ATTR_MATCH_TENANT"], result.MatchedProfiles);
        Assert.Equal(["*req.Account", "*req.Password", "*tenant"], result.AlteredFields);
        Assert.Equal("adrian.itsyscom.com.co.uk", result.Event!.Tenant);
        Assert.Equal("andrei.itsyscom.com", result.Field("Account"));
        Assert.Equal("CGRATES.ORG", result.Field("Password"));
    }

    [Fact]
    public void ProcessEvent_EventTimeOutsideActivation_SkipsTheProfile()
    {
        var profile = AttributeProfile.Compile(Definition("ATTR_2025", Attr("*req.F", "*constant", "x")) with
        {
            ActivationInterval = new ActivationIntervalDefinition
            {
                ActivationTime = Instant.FromUtc(2025, 1, 1, 0, 0),
                ExpiryTime = Instant.FromUtc(2026, 1, 1, 0, 0),
            },
        });
        var service = Service(profile);

        Assert.Equal("NOT_FOUND", service.ProcessEvent(new CgrEvent { Tenant = Tenant, Time = Instant.FromUtc(2026, 6, 1, 0, 0) }, Now).Error);
        Assert.Equal("x", service.ProcessEvent(new CgrEvent { Tenant = Tenant, Time = Instant.FromUtc(2025, 6, 1, 0, 0) }, Now).Field("F"));
        // An event without a time is not checked against the window.
        Assert.Equal("x", service.ProcessEvent(Event(), Now).Field("F"));
    }

    [Fact]
    public void ProcessEvent_EmptyTenant_UsesTheDefaultTenant()
    {
        var result = Service(Profile("ATTR_A", Attr("*req.F", "*constant", "x"))).ProcessEvent(EventFor(""), Now);

        Assert.Equal("cgrates.org", result.Event!.Tenant);
        Assert.Equal("x", result.Field("F"));
    }

    [Fact]
    public void ProcessEvent_FieldStillAskingForAttributes_IsMandatoryIeMissing() =>
        Assert.Equal("MANDATORY_IE_MISSING: [Subject]",
            Service(Profile("ATTR_A", Attr("*req.F", "*constant", "x"))).ProcessEvent(Event(("Subject", "*attributes")), Now).Error);

    [Fact]
    public void ProcessEvent_BadProcessRunsOption_IsTheConversionError() =>
        Assert.Equal("strconv.ParseInt: parsing \"many\": invalid syntax",
            Service().ProcessEvent(Event().WithOpt("*attrProcessRuns", "many"), Now).Error);

    [Fact]
    public void ProcessEvent_ProfileIdsAsString_IsServerError() =>
        Assert.Equal("SERVER_ERROR: cannot convert field: string to []string",
            Service(Profile("ATTR_A", Attr("*req.F", "*constant", "x"))).ProcessEvent(Event().WithOpt("*attrProfileIDs", "ATTR_A"), Now).Error);

    [Fact]
    public void ProcessEvent_AttributeFilterFailingToEvaluate_IsServerError()
    {
        var service = Service(Profile("ATTR_A", Attr("*req.F", "*constant", "x", "*string:~*accounts.1001.ID:1001")));

        Assert.Equal("SERVER_ERROR: NOT_IMPLEMENTED: no data source for *accounts", service.ProcessEvent(Event(), Now).Error);
    }

    [Fact]
    public void GetAttributeForEvent_TwoMatches_ReturnsTheHeavierWithoutChangingTheEvent()
    {
        var service = Service(
            Weighted("ATTR_LIGHT", 10, "*string:~*req.Account:1001", "F", "light"),
            Weighted("ATTR_HEAVY", 20, "*string:~*req.Account:1001", "F", "heavy"));
        var cgrEvent = Event(("Account", "1001"));

        var result = service.GetAttributeForEvent(cgrEvent, Now);

        Assert.Equal("ATTR_HEAVY", result.Profile!.Id);
        Assert.Equal(["Account"], cgrEvent.Event.Keys);
    }
}
