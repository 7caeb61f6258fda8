using Xunit;

namespace Obol.Engine.Tests;

/// <summary>CacheSv1 over an engine whose data is always current: reloads answer OK, item queries the ids it holds.</summary>
public sealed class CacheApiTests
{
    [Fact]
    public async Task CacheSv1_TutorialPlan_StatsAndItemsAreWhatTheEngineHolds()
    {
        await using var engine = await SessionEngine.StartAsync();
        var destinations = (await engine.CallAsync("APIerSv2.GetDestinations", "{}")).GetArrayLength();
        var thresholds = (await engine.CallAsync("APIerSv1.GetThresholdProfileIDs", "{}")).GetArrayLength();

        var stats = await engine.CallAsync("CacheSv1.GetCacheStats", """{"CacheIDs":["*destinations","*threshold_profiles"]}""");
        var ids = await engine.CallAsync("CacheSv1.GetItemIDs", """{"CacheID":"*threshold_profiles","ItemIDPrefix":"cgrates.org:THD_ACNT"}""");
        var has = await engine.CallAsync("CacheSv1.HasItem", """{"CacheID":"*destinations","ItemID":"DST_1002"}""");
        var reload = await engine.CallAsync("CacheSv1.ReloadCache", """{"DestinationIDs":["DST_1002"]}""");
        var unknown = await engine.Api.CallRawAsync("CacheSv1.PrecacheStatus", """{"CacheIDs":["*nope"]}"""u8.ToArray());
        var computed = await engine.CallAsync("APIerSv1.ComputeFilterIndexes", """{"Tenant":"cgrates.org","ThresholdS":true}""");
        var planIndexes = await engine.CallAsync("APIerSv1.ComputeActionPlanIndexes", "\"\"");

        Assert.Equal(destinations, stats.GetProperty("*destinations").GetProperty("Items").GetInt32());
        Assert.Equal(thresholds, stats.GetProperty("*threshold_profiles").GetProperty("Items").GetInt32());
        Assert.Equal(["cgrates.org:THD_ACNT_1001", "cgrates.org:THD_ACNT_1002"], ids.EnumerateArray().Select(i => i.GetString()));
        Assert.True(has.GetBoolean());
        Assert.Equal(("OK", "OK", "OK"), (reload.GetString(), computed.GetString(), planIndexes.GetString()));
        Assert.Equal("unknown cacheID: *nope", unknown.Error);
    }

    [Fact]
    public async Task GetItem_ProfileDestinationAndUnknown_TheObjectAsItsGetMethodAnswersOrNotFound()
    {
        await using var engine = await SessionEngine.StartAsync();

        var threshold = await engine.CallAsync("CacheSv1.GetItem", """{"CacheID":"*threshold_profiles","ItemID":"cgrates.org:THD_ACNT_1001"}""");
        var viaApi = await engine.CallAsync("APIerSv1.GetThresholdProfile", """{"Tenant":"cgrates.org","ID":"THD_ACNT_1001"}""");
        var attribute = await engine.CallAsync("CacheSv1.GetItemWithRemote", """{"CacheID":"*attribute_profiles","ItemID":"cgrates.org:ATTR_1001_SIMPLEAUTH"}""");
        var attributeViaApi = await engine.CallAsync("APIerSv1.GetAttributeProfile", """{"Tenant":"cgrates.org","ID":"ATTR_1001_SIMPLEAUTH"}""");
        var destination = await engine.CallAsync("CacheSv1.GetItem", """{"CacheID":"*destinations","ItemID":"DST_1002"}""");
        var reverse = await engine.CallAsync("CacheSv1.GetItem", """{"CacheID":"*reverse_destinations","ItemID":"1002"}""");
        var unknown = await engine.Api.CallRawAsync("CacheSv1.GetItem", """{"CacheID":"*threshold_profiles","ItemID":"cgrates.org:NOPE"}"""u8.ToArray());

        Assert.Equal(viaApi.GetRawText(), threshold.GetRawText());
        Assert.Equal(attributeViaApi.GetRawText(), attribute.GetRawText());
        Assert.Equal("""{"Id":"DST_1002","Prefixes":["1002"]}""", destination.GetRawText());
        Assert.Equal(["DST_1002"], reverse.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("NOT_FOUND", unknown.Error);
    }

    [Fact]
    public async Task GetStats_Destinations_TheCacheStatsWithTheNodeThatAnswered()
    {
        await using var engine = await SessionEngine.StartAsync();

        var stats = await engine.CallAsync("CacheSv1.GetCacheStats", """{"CacheIDs":["*destinations"]}""");
        var withMetadata = await engine.CallAsync("CacheSv1.GetStats", """{"CacheIDs":["*destinations"]}""");

        Assert.Equal(stats.GetRawText(), withMetadata.GetProperty("CacheStatistics").GetRawText());
        Assert.Equal("CGRFreeswitch", withMetadata.GetProperty("Metadata").GetProperty("NodeID").GetString());
    }
}
