using System.Text.Json;
using NodaTime;
using Obol.GoJson;
using Xunit;
using static Obol.Resources.Tests.Tutorial;

namespace Obol.Resources.Tests;

public class ResGroup1Tests
{
    [Fact]
    public async Task AuthorizeResourcesAsync_ResGroup1_RepliesResourceIdAndRecordsNothing()
    {
        var service = await ServiceAsync();

        var (reply, error) = await service.AuthorizeResourcesAsync(Event("u1"), Now);

        Assert.Null(error);
        Assert.Equal("ResGroup1", reply);
        var (resource, _) = await service.GetResourceAsync("cgrates.org", "ResGroup1");
        Assert.Empty(resource!.Usages);
    }

    [Fact]
    public async Task AllocateResourcesAsync_SevenUnitsAllocated_EighthRefused()
    {
        var service = await ServiceAsync();
        for (var i = 1; i <= 7; i++)
        {
            Assert.Equal(("ResGroup1", (string?)null), await service.AllocateResourcesAsync(Event($"u{i}"), Now));
        }

        var allocate = await service.AllocateResourcesAsync(Event("u8"), Now);
        var authorize = await service.AuthorizeResourcesAsync(Event("u8"), Now);

        Assert.Equal((null, "RESOURCE_UNAVAILABLE"), allocate);
        Assert.Equal((null, "RESOURCE_UNAUTHORIZED"), authorize);
        Assert.Equal(7m, (await service.GetResourceAsync("cgrates.org", "ResGroup1")).Resource!.TotalUsage);
    }

    [Fact]
    public async Task AuthorizeResourcesAsync_UnitsOption_ChecksThatManyUnits()
    {
        var service = await ServiceAsync();

        Assert.Equal("ResGroup1", (await service.AuthorizeResourcesAsync(Event("u1", units: 7), Now)).Reply);
        Assert.Equal("RESOURCE_UNAUTHORIZED", (await service.AuthorizeResourcesAsync(Event("u1", units: 8), Now)).Error);
    }

    [Fact]
    public async Task ReleaseResourcesAsync_AfterFullAllocation_FreesRoomForAnother()
    {
        var service = await ServiceAsync();
        Assert.Null((await service.AllocateResourcesAsync(Event("big", units: 6), Now)).Error);
        Assert.Null((await service.AllocateResourcesAsync(Event("small"), Now)).Error);
        Assert.Equal("RESOURCE_UNAVAILABLE", (await service.AllocateResourcesAsync(Event("next"), Now)).Error);

        var released = await service.ReleaseResourcesAsync(Event("big"), Now);

        Assert.Equal(("OK", (string?)null), released);
        Assert.Null((await service.AllocateResourcesAsync(Event("next", units: 6), Now)).Error);
    }

    [Fact]
    public async Task AllocateResourcesAsync_SameUsageIdAgain_ReplacesItsUnits()
    {
        var service = await ServiceAsync();
        await service.AllocateResourcesAsync(Event("u1", units: 3), Now);

        await service.AllocateResourcesAsync(Event("u1", units: 5), Now);

        var resource = (await service.GetResourceAsync("cgrates.org", "ResGroup1")).Resource!;
        Assert.Equal(5m, resource.TotalUsage);
        Assert.Single(resource.Usages);
    }

    [Fact]
    public async Task AllocateResourcesAsync_UsageTtlOption_UsagesExpireAndFreeRoom()
    {
        var service = await ServiceAsync();
        for (var i = 1; i <= 7; i++)
        {
            await service.AllocateResourcesAsync(Event($"u{i}", ttl: "10s"), Now);
        }

        var before = await service.AllocateResourcesAsync(Event("late", ttl: "10s"), Now + Duration.FromSeconds(9));
        var after = await service.AllocateResourcesAsync(Event("late", ttl: "10s"), Now + Duration.FromSeconds(11));

        Assert.Equal("RESOURCE_UNAVAILABLE", before.Error);
        Assert.Equal("ResGroup1", after.Reply);
        var resource = (await service.GetResourceAsync("cgrates.org", "ResGroup1")).Resource!;
        Assert.Equal(["late"], resource.Usages.Keys);
        Assert.Equal(["late"], resource.TtlIndex!);
        Assert.Equal(Now + Duration.FromSeconds(21), resource.Usages["late"].ExpiryTime);
    }

    [Fact]
    public async Task AllocateResourcesAsync_StoredProfile_SavesCgratesJsonAfterEachChange()
    {
        var store = new MemoryStore();
        var service = await ServiceAsync(store);

        await service.AllocateResourcesAsync(Event("u1"), Now);
        var afterAllocate = store.Saved[("cgrates.org", "ResGroup1")];
        await service.ReleaseResourcesAsync(Event("u1"), Now);

        Assert.Equal(
            """{"Tenant":"cgrates.org","ID":"ResGroup1","Usages":{"u1":{"Tenant":"cgrates.org","ID":"u1","ExpiryTime":"0001-01-01T00:00:00Z","Units":1}},"TTLIdx":null}""",
            afterAllocate);
        Assert.Equal("""{"Tenant":"cgrates.org","ID":"ResGroup1","Usages":{},"TTLIdx":null}""", store.Saved[("cgrates.org", "ResGroup1")]);
        Assert.Equal(["save cgrates.org:ResGroup1", "save cgrates.org:ResGroup1"], store.Calls);
    }

    [Fact]
    public async Task TryRestore_StoredJson_ContinuesCountingFromIt()
    {
        var service = await ServiceAsync();
        var json = """{"Tenant":"cgrates.org","ID":"ResGroup1","Usages":{"old":{"Tenant":"cgrates.org","ID":"old","ExpiryTime":"0001-01-01T00:00:00Z","Units":6.5}},"TTLIdx":null}""";

        Assert.True(service.TryRestore(json, out var error), error);

        Assert.Equal("RESOURCE_UNAVAILABLE", (await service.AllocateResourcesAsync(Event("u1"), Now)).Error);
        Assert.Equal("ResGroup1", (await service.AllocateResourcesAsync(Event("u1", units: 0.5m), Now)).Reply);
    }

    [Fact]
    public async Task TryRestore_ProfileGone_Refused()
    {
        var service = await ServiceAsync();

        Assert.False(service.TryRestore("""{"Tenant":"cgrates.org","ID":"ResGone","Usages":{},"TTLIdx":null}""", out var error));
        Assert.Equal("no resource profile cgrates.org:ResGone", error);
    }

    [Fact]
    public async Task ReleaseResourcesAsync_UnknownUsageWithoutTtl_Ok()
    {
        var service = await ServiceAsync();

        Assert.Equal(("OK", (string?)null), await service.ReleaseResourcesAsync(Event("never"), Now));
    }

    [Fact]
    public async Task ReleaseResourcesAsync_UnknownUsageWithTtl_CannotFindUsage()
    {
        var service = await ServiceAsync();

        var (_, error) = await service.ReleaseResourcesAsync(Event("never", ttl: "1m"), Now);

        Assert.Equal("cannot find usage record with id: never", error);
    }

    [Theory]
    [InlineData("", "ev", "MANDATORY_IE_MISSING: [UsageID]")]
    [InlineData("u1", "", "MANDATORY_IE_MISSING: [ID]")]
    public async Task AllocateResourcesAsync_MissingIds_MandatoryIeMissing(string usageId, string eventId, string expected)
    {
        var service = await ServiceAsync();
        var ev = Event(usageId);
        ev.Id = eventId;

        Assert.Equal((null, expected), await service.AllocateResourcesAsync(ev, Now));
    }

    [Fact]
    public async Task AllocateResourcesAsync_AccountOutsideFilter_NotFound()
    {
        var service = await ServiceAsync();

        Assert.Equal((null, "NOT_FOUND"), await service.AllocateResourcesAsync(Event("u1", account: "1005"), Now));
    }

    [Fact]
    public async Task AllocateResourcesAsync_ResGroup1ThresholdsNone_SendsNothing()
    {
        var service = await ServiceAsync();
        var thresholds = new RecordingThresholds();
        service.Thresholds = thresholds;

        await service.AllocateResourcesAsync(Event("u1"), Now);

        Assert.Empty(thresholds.Events);
    }

    [Fact]
    public async Task GetResourcesForEventAsync_Account1002_ReturnsResGroup1Copy()
    {
        var service = await ServiceAsync();
        await service.AllocateResourcesAsync(Event("u1"), Now);

        var (resources, error) = await service.GetResourcesForEventAsync(Event("u2", account: "1002"), Now);

        Assert.Null(error);
        var resource = Assert.Single(resources);
        Assert.Equal(("ResGroup1", 1m), (resource.Id, resource.TotalUsage));
    }

    [Fact]
    public async Task AllocateResourcesAsync_ConcurrentCalls_NeverExceedLimit()
    {
        var service = await ServiceAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            await service.AllocateResourcesAsync(Event($"c{i}"), Now))));

        Assert.Equal(7, replies.Count(r => r.Reply == "ResGroup1"));
        Assert.Equal(33, replies.Count(r => r.Error == "RESOURCE_UNAVAILABLE"));
        Assert.Equal(7m, (await service.GetResourceAsync("cgrates.org", "ResGroup1")).Resource!.TotalUsage);
    }

    [Fact]
    public void FromTp_ResGroup1_WireShapeOfTheDefinition()
    {
        var definition = ResourceProfileDefinition.From(Assert.Single(Profiles()));

        Assert.Equal(
            """{"Tenant":"cgrates.org","ID":"ResGroup1","FilterIDs":["FLTR_RES"],"ActivationInterval":{"ActivationTime":"2014-07-29T15:00:00Z","ExpiryTime":"0001-01-01T00:00:00Z"},"UsageTTL":-1,"Limit":7,"AllocationMessage":"","Blocker":false,"Stored":true,"Weight":10,"ThresholdIDs":["*none"]}""",
            JsonSerializer.Serialize(definition, GoJsonOptions.Default));
    }
}
