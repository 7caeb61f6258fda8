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
}
