using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.AddTriggeredAction: one trigger added to an account's own, checked at its next debit.</summary>
public sealed class AddTriggeredActionTests
{
    [Fact]
    public async Task AddTriggeredAction_MinBalanceAboveTheBalance_FiresAtTheNextDebit()
    {
        await using var engine = await SessionEngine.StartAsync();

        var added = await engine.CallAsync("APIerSv1.AddTriggeredAction", """
            {"ActionTriggersId":"AT_API","Account":"1001","ThresholdType":"*min_balance","ThresholdValue":20,"BalanceType":"*monetary",
             "ActionsId":"DISABLE_AND_LOG","Weight":10}
            """);
        var account = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        var before = account.GetProperty("Disabled").GetBoolean();
        await engine.CallAsync("APIerSv1.DebitBalance", """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":1}""");
        var after = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        var unknown = await engine.Api.CallRawAsync("APIerSv1.AddTriggeredAction", """{"Account":"9999","ThresholdType":"*min_balance"}"""u8.ToArray());
        var missing = await engine.Api.CallRawAsync("APIerSv1.AddTriggeredAction", """{"ThresholdType":"*min_balance"}"""u8.ToArray());

        Assert.Equal("OK", added.GetString());
        var trigger = account.GetProperty("ActionTriggers").EnumerateArray().Single(t => t.GetProperty("ID").GetString() == "AT_API");
        Assert.Equal(("*min_balance", 20m, "DISABLE_AND_LOG"),
            (trigger.GetProperty("ThresholdType").GetString(), trigger.GetProperty("ThresholdValue").GetDecimal(), trigger.GetProperty("ActionsID").GetString()));
        Assert.False(before);
        Assert.True(after.GetProperty("Disabled").GetBoolean());
        Assert.Equal("NOT_FOUND", unknown.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [Account]", missing.Error);
    }
}
