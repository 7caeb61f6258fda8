using NodaTime;
using Obol.Primitives;
using Xunit;
using static Obol.Resources.Tests.Tutorial;

namespace Obol.Resources.Tests;

/// <summary>Profiles written in the test next to the tutorial's, selected by account 2001.</summary>
public class ResourceRuleTests
{
    private static ResourceProfile Profile(string id, decimal limit, decimal weight = 10) => new("cgrates.org", id)
    {
        FilterIds = ["*string:~*req.Account:2001"],
        UsageTtl = Usage.Unlimited,
        Limit = limit,
        Weight = weight,
    };

    private static Obol.Events.CgrEvent Call(string usageId, decimal? units = null, string? ttl = null) => Event(usageId, "2001", units, ttl);

    [Fact]
    public async Task AllocateResourcesAsync_FirstFullSecondFree_SecondsMessageAndUsageOnBoth()
    {
        var service = await ServiceAsync(null, null,
            Profile("R_HIGH", 1, weight: 20) with { AllocationMessage = "high" },
            Profile("R_LOW", 5) with { AllocationMessage = "low" });

        var first = await service.AllocateResourcesAsync(Call("u1"), Now);
        var second = await service.AllocateResourcesAsync(Call("u2"), Now);

        Assert.Equal(("high", "low"), (first.Reply, second.Reply));
        Assert.Equal(2m, (await service.GetResourceAsync("cgrates.org", "R_HIGH")).Resource!.TotalUsage);
        Assert.Equal(2m, (await service.GetResourceAsync("cgrates.org", "R_LOW")).Resource!.TotalUsage);
    }

    [Fact]
    public async Task AllocateResourcesAsync_BlockerFull_LighterResourcesNotTried()
    {
        var service = await ServiceAsync(null, null, Profile("R_HIGH", 1, weight: 20) with { Blocker = true }, Profile("R_LOW", 5));
        await service.AllocateResourcesAsync(Call("u1"), Now);

        var second = await service.AllocateResourcesAsync(Call("u2"), Now);

        Assert.Equal("RESOURCE_UNAVAILABLE", second.Error);
        Assert.Empty((await service.GetResourceAsync("cgrates.org", "R_LOW")).Resource!.Usages);
    }

    [Fact]
    public async Task AllocateResourcesAsync_LimitMinusOne_Unlimited()
    {
        var service = await ServiceAsync(null, null, Profile("R_ANY", ResourceProfile.UnlimitedUnits));

        var reply = await service.AllocateResourcesAsync(Call("u1", units: 1_000_000), Now);

        Assert.Equal("R_ANY", reply.Reply);
    }

    [Fact]
    public async Task AllocateResourcesAsync_ProfileTtlZero_AllowsButRecordsNothing()
    {
        var service = await ServiceAsync(null, null, Profile("R_AUTH", 1) with { UsageTtl = Usage.Zero });

        await service.AllocateResourcesAsync(Call("u1"), Now);
        var second = await service.AllocateResourcesAsync(Call("u2"), Now);

        Assert.Equal("R_AUTH", second.Reply);
        Assert.Empty((await service.GetResourceAsync("cgrates.org", "R_AUTH")).Resource!.Usages);
    }

    [Fact]
    public async Task AllocateResourcesAsync_ProfileTtl_ExpiresFromAllocationTime()
    {
        var service = await ServiceAsync(null, null, Profile("R_TTL", 1) with { UsageTtl = Usage.FromMinutes(1) });
        await service.AllocateResourcesAsync(Call("u1"), Now);

        var during = await service.AuthorizeResourcesAsync(Call("u2"), Now + Duration.FromSeconds(59));
        var after = await service.AuthorizeResourcesAsync(Call("u2"), Now + Duration.FromSeconds(60));

        Assert.Equal(("RESOURCE_UNAUTHORIZED", "R_TTL"), (during.Error, after.Reply));
    }

    [Fact]
    public async Task AllocateResourcesAsync_TtlOptionZero_KeepsTheTtlTheResourceLastUsed()
    {
        // CGRateS keeps Resource.ttl on the cached resource; *rsUsageTTL 0 leaves it as the previous call set it.
        var service = await ServiceAsync(null, null, Profile("R_ANY", 5));
        await service.AllocateResourcesAsync(Call("u1", ttl: "30s"), Now);

        await service.AllocateResourcesAsync(Call("u2", ttl: "0"), Now);

        var resource = (await service.GetResourceAsync("cgrates.org", "R_ANY")).Resource!;
        Assert.Equal(Now + Duration.FromSeconds(30), resource.Usages["u2"].ExpiryTime);
    }

    [Fact]
    public async Task AllocateResourcesAsync_NamedThresholds_SendsResourceUpdate()
    {
        var thresholds = new RecordingThresholds();
        var service = await ServiceAsync(null, null, Profile("R_TH", 5) with { ThresholdIds = ["TH_1"] });
        service.Thresholds = thresholds;
        var call = Call("u1", units: 2);
        call.ApiOpts["*custom"] = "kept";

        var reply = await service.AllocateResourcesAsync(call, Now);

        Assert.Equal("R_TH", reply.Reply);
        var sent = Assert.Single(thresholds.Events);
        Assert.Equal("cgrates.org", sent.Tenant);
        Assert.Equal(new Dictionary<string, object?> { ["EventType"] = "ResourceUpdate", ["ResourceID"] = "R_TH", ["Usage"] = 2m }, sent.Event);
        Assert.Equal("ResourceUpdate", sent.ApiOpts["*eventType"]);
        Assert.Equal(["TH_1"], Assert.IsType<List<string>>(sent.ApiOpts["*thdProfileIDs"]));
        Assert.Equal("kept", sent.ApiOpts["*custom"]);
    }

    [Theory]
    [InlineData(new[] { "TH_1" }, "NOT_FOUND", "PARTIALLY_EXECUTED")]
    [InlineData(new string[] { }, "NOT_FOUND", null)]
    [InlineData(new string[] { }, "SERVER_ERROR: down", "PARTIALLY_EXECUTED")]
    public async Task ReleaseResourcesAsync_ThresholdSFails_PartiallyExecutedUnlessUnnamedNotFound(string[] thresholdIds, string answer,
        string? expected)
    {
        var service = await ServiceAsync(null, null, Profile("R_TH", 5) with { ThresholdIds = thresholdIds });
        service.Thresholds = new RecordingThresholds(answer);

        var (_, error) = await service.ReleaseResourcesAsync(Call("u1"), Now);

        Assert.Equal(expected, error);
    }

    [Fact]
    public async Task SetProfileAsync_LimitChanged_ResourceStartsOverAndStoredCopyGoes()
    {
        var store = new MemoryStore();
        var service = await ServiceAsync(store, null, Profile("R_S", 5) with { Stored = true });
        await service.AllocateResourcesAsync(Call("u1"), Now);

        Assert.Null(await service.SetProfileAsync(Profile("R_S", 6) with { Stored = true }));

        Assert.Empty((await service.GetResourceAsync("cgrates.org", "R_S")).Resource!.Usages);
        Assert.False(store.Saved.ContainsKey(("cgrates.org", "R_S")));
    }

    [Fact]
    public async Task SetProfileAsync_OnlyWeightChanged_UsagesKept()
    {
        var service = await ServiceAsync(null, null, Profile("R_S", 5));
        await service.AllocateResourcesAsync(Call("u1"), Now);

        Assert.Null(await service.SetProfileAsync(Profile("R_S", 5, weight: 99)));

        Assert.Equal(1m, (await service.GetResourceAsync("cgrates.org", "R_S")).Resource!.TotalUsage);
    }

    [Fact]
    public async Task RemoveProfileAsync_ResourceGoneWithIt()
    {
        var store = new MemoryStore();
        var service = await ServiceAsync(store, null, Profile("R_S", 5) with { Stored = true });
        await service.AllocateResourcesAsync(Call("u1"), Now);

        var removed = await service.RemoveProfileAsync("cgrates.org", "R_S");
        var again = await service.RemoveProfileAsync("cgrates.org", "R_S");

        Assert.Equal((null, "NOT_FOUND"), (removed, again));
        Assert.Equal("NOT_FOUND", (await service.GetResourceAsync("cgrates.org", "R_S")).Error);
        Assert.Contains("remove cgrates.org:R_S", store.Calls);
        Assert.False(store.Saved.ContainsKey(("cgrates.org", "R_S")));
    }

    [Fact]
    public async Task AllocateResourcesAsync_EventBeforeActivation_NotFound()
    {
        var window = new Obol.Filters.ActivationWindow(Now + Duration.FromDays(1), null);
        var service = await ServiceAsync(null, null, Profile("R_LATER", 5) with { Activation = window });

        Assert.Equal("NOT_FOUND", (await service.AllocateResourcesAsync(Call("u1"), Now)).Error);
    }

    [Fact]
    public async Task AllocateResourcesAsync_UsageIdFirstMatchedNothing_StaysNotFoundUntilProfilesChange()
    {
        // CGRateS remembers per usage ID that the index had no candidate (*event_resources), whatever later events say.
        var service = new ResourceService(Tutorial.Filters());
        Assert.Null(await service.LoadProfilesAsync([Profile("R_ANY", 5)]));
        Assert.Equal("NOT_FOUND", (await service.AuthorizeResourcesAsync(Event("u1", account: "1005"), Now)).Error);

        var remembered = await service.AllocateResourcesAsync(Call("u1"), Now);
        Assert.Null(await service.SetProfileAsync(Profile("R_ANY", 5, weight: 11)));
        var afterChange = await service.AllocateResourcesAsync(Call("u1"), Now);

        Assert.Equal("NOT_FOUND", remembered.Error);
        Assert.Equal("R_ANY", afterChange.Reply);
    }

    [Fact]
    public async Task AllocateResourcesAsync_EventResourcesMemoryOff_UsageIdMatchedAfresh()
    {
        var service = new ResourceService(Tutorial.Filters(), new ResourceServiceOptions { EventResourcesLimit = 0 });
        Assert.Null(await service.LoadProfilesAsync([Profile("R_ANY", 5)]));
        await service.AuthorizeResourcesAsync(Event("u1", account: "1005"), Now);

        Assert.Equal("R_ANY", (await service.AllocateResourcesAsync(Call("u1"), Now)).Reply);
    }

    [Fact]
    public void FromTp_BadInlineRegex_RejectedWithFileAndLine()
    {
        const string csv = "#Tenant,Id,FilterIDs,ActivationInterval,TTL,Limit,AllocationMessage,Blocker,Stored,Weight,ThresholdIDs\n"
            + "cgrates.org,R_OK,,,-1,1,,false,false,10,\n"
            + "cgrates.org,R_BAD,*regex:~*req.Account:[,,-1,1,,false,false,10,\n";
        var read = Obol.TariffPlans.TariffPlanReader.ReadFiles([("Resources.csv", (TextReader)new StringReader(csv))],
            new Obol.TariffPlans.TariffPlanReadOptions(DateTimeZone.Utc, Now));
        Assert.True(read.Succeeded, string.Join('\n', read.Errors));

        var (profiles, errors) = ResourceProfileDefinition.FromTp(read.Plan.Resources, DateTimeZone.Utc, Now);

        Assert.Equal(["R_OK"], profiles.Select(p => p.Id));
        var error = Assert.Single(errors);
        Assert.StartsWith("Resources.csv:3: resource profile cgrates.org:R_BAD: inline filter <*regex:~*req.Account:[>", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryToProfile_BadInlineFilter_Refused()
    {
        var definition = new ResourceProfileDefinition { Tenant = "cgrates.org", Id = "R1", FilterIds = ["*string:~*req.Account"] };

        Assert.False(definition.TryToProfile(out _, out var error));
        Assert.Equal("resource profile cgrates.org:R1: inline parse error for string: <*string:~*req.Account>", error);
    }
}
