using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1's accounts in engine.Account.AsOldStructure, APIerSv2's in the current one.</summary>
public sealed class AccountOldStructureApiTests
{
    [Fact]
    public async Task GetAccountV1AndV2_TutorialAccount_OldStructureOnlyOnV1()
    {
        await using var engine = await SessionEngine.StartAsync();

        var old = await engine.CallAsync("APIerSv1.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        var current = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");

        Assert.Equal("*out:cgrates.org:1001", old.GetProperty("Id").GetString());
        var balance = Assert.Single(old.GetProperty("BalanceMap").GetProperty("*monetary*out").EnumerateArray());
        Assert.Equal(10m, balance.GetProperty("Value").GetDecimal());
        Assert.Equal("test", balance.GetProperty("Id").GetString());
        Assert.Equal(JsonValueKind.String, balance.GetProperty("DestinationIds").ValueKind);
        Assert.All(old.GetProperty("ActionTriggers").EnumerateArray(), t => Assert.Equal("*monetary", t.GetProperty("BalanceType").GetString()));
        Assert.Equal("cgrates.org:1001", current.GetProperty("ID").GetString());
        Assert.True(current.GetProperty("BalanceMap").TryGetProperty("*monetary", out _));
    }

    [Fact]
    public async Task GetAccountsV1_NamedAccountsPagedAndFiltered_OldStructures()
    {
        await using var engine = await SessionEngine.StartAsync();
        Assert.Equal("OK", (await engine.CallAsync("APIerSv2.SetAccount",
            """{"Tenant":"cgrates.org","Account":"1002","ExtraOptions":{"Disabled":true}}""")).GetString());

        var named = await engine.CallAsync("APIerSv1.GetAccounts", """{"Tenant":"cgrates.org","AccountIDs":["1001","1002","nosuch"]}""");
        var paged = await engine.CallAsync("APIerSv1.GetAccounts", """{"Tenant":"cgrates.org","AccountIDs":["1001","1002"],"Offset":1,"Limit":1}""");
        var disabled = await engine.CallAsync("APIerSv1.GetAccounts", """{"Tenant":"cgrates.org","Filter":{"Disabled":true}}""");

        Assert.Equal(["*out:cgrates.org:1001", "*out:cgrates.org:1002"], Ids(named));
        Assert.Equal(["*out:cgrates.org:1002"], Ids(paged));
        Assert.Equal(["*out:cgrates.org:1002"], Ids(disabled));
    }

    private static string[] Ids(JsonElement accounts) => [.. accounts.EnumerateArray().Select(a => a.GetProperty("Id").GetString()!)];
}
