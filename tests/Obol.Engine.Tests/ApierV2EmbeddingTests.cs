using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv2 embeds APIerSv1 in CGRateS: a client may call any APIerSv1 method by the APIerSv2 name.</summary>
public sealed class ApierV2EmbeddingTests
{
    [Fact]
    public async Task ApierSv2_MethodsOnlyApierSv1Defines_AnsweredAsApierSv1Answers()
    {
        await using var engine = await SessionEngine.StartAsync();

        var set = await engine.CallAsync("APIerSv2.SetBalance",
            """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":42,"Balance":{"ID":"v2"}}""");
        var count = await engine.CallAsync("APIerSv2.GetAccountsCount", """{"Tenant":"cgrates.org"}""");
        var countV1 = await engine.CallAsync("APIerSv1.GetAccountsCount", """{"Tenant":"cgrates.org"}""");
        var ids = await engine.CallAsync("APIerSv2.GetAttributeProfileIDs", """{"Tenant":"cgrates.org"}""");
        var idsV1 = await engine.CallAsync("APIerSv1.GetAttributeProfileIDs", """{"Tenant":"cgrates.org"}""");
        var attributeCount = await engine.CallAsync("APIerSv2.GetAttributeProfileCount", """{"Tenant":"cgrates.org"}""");
        var thresholdCount = await engine.CallAsync("APIerSv1.GetThresholdProfileCount", "{}");
        var noneCount = await engine.Api.CallRawAsync("APIerSv1.GetThresholdProfileCount", """{"Tenant":"other.org"}"""u8.ToArray());
        var actionsCount = await engine.CallAsync("APIerSv2.GetActionsCount", "{}");
        // GetActions is APIerSv2's own, with another reply (engine.Action lists by ID), not APIerSv1's (utils.TPAction list).
        var actions = await engine.CallAsync("APIerSv2.GetActions", "{}");

        Assert.Equal("OK", set.GetString());
        var balance = (await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}"""))
            .GetProperty("BalanceMap").GetProperty("*monetary").EnumerateArray().Single(b => b.GetProperty("ID").GetString() == "v2");
        Assert.Equal(42m, balance.GetProperty("Value").GetDecimal());
        Assert.Equal(countV1.GetInt32(), count.GetInt32());
        Assert.Equal(idsV1.GetRawText(), ids.GetRawText());
        Assert.Equal(actionsCount.GetInt32(), actions.EnumerateObject().Count());
        Assert.Equal(idsV1.GetArrayLength(), attributeCount.GetInt32());
        Assert.Equal((await engine.CallAsync("APIerSv1.GetThresholdProfileIDs", "{}")).GetArrayLength(), thresholdCount.GetInt32());
        Assert.Equal("NOT_FOUND", noneCount.Error);
        Assert.Equal(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial", "Actions.csv"))
            .Where(l => !l.StartsWith('#') && l.Length > 0).Select(l => l.Split(',')[0]).Distinct().Count(), actionsCount.GetInt32());
    }
}
