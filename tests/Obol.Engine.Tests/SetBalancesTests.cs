using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.SetBalances: several balances set in turn on one account, created when missing.</summary>
public sealed class SetBalancesTests
{
    [Fact]
    public async Task SetBalances_NewAccount_SetsEachBalanceAndStopsAtTheFirstWithoutId()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.CallAsync("APIerSv1.SetBalances", """
            {"Tenant":"cgrates.org","Account":"1004","Balances":[
             {"BalanceType":"*monetary","Value":7,"Balance":{"ID":"main"}},
             {"BalanceType":"*voice","Value":60000000000,"Balance":{"ID":"minutes","Weight":20}}]}
            """);
        var stopped = await engine.Api.CallRawAsync("APIerSv1.SetBalances", """
            {"Account":"1005","Balances":[{"BalanceType":"*monetary","Value":3,"Balance":{"ID":"main"}},{"BalanceType":"*sms","Value":5}]}
            """u8.ToArray());

        Assert.Equal("OK", reply.GetString());
        var account = await engine.CallAsync("APIerSv2.GetAccount", """{"Account":"1004"}""");
        Assert.Equal(7m, account.GetProperty("BalanceMap").GetProperty("*monetary")[0].GetProperty("Value").GetDecimal());
        Assert.Equal(60_000_000_000m, account.GetProperty("BalanceMap").GetProperty("*voice")[0].GetProperty("Value").GetDecimal());
        Assert.Equal("MANDATORY_IE_MISSING: [BalanceID or BalanceUUID]", stopped.Error);
        Assert.Equal(3m, await engine.MonetaryAsync("1005"));
    }
}
