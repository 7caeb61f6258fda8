using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.GetFilterIndexes (console <c>filter_indexes</c>) over the tutorial's threshold profiles.</summary>
public sealed class FilterIndexApiTests
{
    [Fact]
    public async Task GetFilterIndexes_Thresholds_ListsKeysWithTheirProfilesNarrowedByTypeFieldAndValue()
    {
        await using var engine = await SessionEngine.StartAsync();

        var all = await engine.CallAsync("APIerSv1.GetFilterIndexes", """{"ItemType":"*thresholds"}""");
        var of1002 = await engine.CallAsync("APIerSv1.GetFilterIndexes", """{"ItemType":"*thresholds","FilterField":"Account","FilterValue":"1002"}""");
        var paged = await engine.CallAsync("APIerSv1.GetFilterIndexes", """{"ItemType":"*thresholds","Limit":1,"Offset":1}""");
        var prefixes = await engine.Api.CallRawAsync("APIerSv1.GetFilterIndexes", """{"ItemType":"*thresholds","FilterType":"*prefix"}"""u8.ToArray());
        var noContext = await engine.Api.CallRawAsync("APIerSv1.GetFilterIndexes", """{"ItemType":"*attributes"}"""u8.ToArray());

        var listed = all.EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("*string:*req.Account:1001:THD_ACNT_1001", listed);
        Assert.Equal(["*string:*req.Account:1002:THD_ACNT_1002"], of1002.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([listed[1]], paged.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("NOT_FOUND", prefixes.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [Context]", noContext.Error);
    }

    [Fact]
    public async Task RemoveFilterIndexes_Thresholds_StampsTheIndexLoadIdAndTheProfilesStayMatched()
    {
        await using var engine = await SessionEngine.StartAsync();
        var before = await engine.CallAsync("APIerSv1.GetLoadIDs", "\"\"");

        var removed = await engine.CallAsync("APIerSv1.RemoveFilterIndexes", """{"Tenant":"cgrates.org","ItemType":"*thresholds"}""");
        var noType = await engine.Api.CallRawAsync("APIerSv1.RemoveFilterIndexes", "{}"u8.ToArray());
        var noContext = await engine.Api.CallRawAsync("APIerSv1.RemoveFilterIndexes", """{"ItemType":"*attributes"}"""u8.ToArray());
        var after = await engine.CallAsync("APIerSv1.GetLoadIDs", "\"\"");
        var indexes = await engine.CallAsync("APIerSv1.GetFilterIndexes", """{"ItemType":"*thresholds","FilterValue":"1001"}""");

        Assert.Equal(("OK", "MANDATORY_IE_MISSING: [ItemType]", "MANDATORY_IE_MISSING: [Context]"), (removed.GetString(), noType.Error, noContext.Error));
        Assert.False(before.TryGetProperty("*threshold_filter_indexes", out _));
        Assert.True(after.GetProperty("*threshold_filter_indexes").GetInt64() > 0);
        Assert.Contains("*string:*req.Account:1001:THD_ACNT_1001", indexes.EnumerateArray().Select(e => e.GetString()));
    }
}
