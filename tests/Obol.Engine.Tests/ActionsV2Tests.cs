using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv2's own SetActions (utils.TPAction, numbers as text) and GetActions (engine.Action by list ID).</summary>
public sealed class ActionsV2Tests
{
    [Fact]
    public async Task SetActions_TextUnits_StoredAsEngineActionAndRunOnAccount()
    {
        await using var engine = await SessionEngine.StartAsync();

        var set = await engine.CallAsync("APIerSv2.SetActions", """
            {"ActionsId":"ACT_V2","Actions":[
              {"Identifier":"*topup","BalanceId":"v2","BalanceType":"*voice","Units":"90s","BalanceWeight":"20","BalanceBlocker":"true","DestinationIds":"DST_1002","Weight":10},
              {"Identifier":"*log","Weight":5}]}
            """);
        var got = await engine.CallAsync("APIerSv2.GetActions", """{"ActionIDs":["ACT_V2"]}""");
        await engine.CallAsync("APIerSv1.ExecuteAction", """{"Tenant":"cgrates.org","Account":"1001","ActionsId":"ACT_V2"}""");
        var account = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        var exists = await engine.Api.CallRawAsync("APIerSv2.SetActions", """{"ActionsId":"ACT_V2","Actions":[{"Identifier":"*log","Weight":1}]}"""u8.ToArray());

        var actions = got.GetProperty("ACT_V2");
        var topup = actions[0];
        Assert.Equal("OK", set.GetString());
        Assert.Equal(2, actions.GetArrayLength());
        Assert.Equal(("ACT_V2", "*topup", 10m), (topup.GetProperty("Id").GetString(), topup.GetProperty("ActionType").GetString(), topup.GetProperty("Weight").GetDecimal()));
        Assert.Equal("""{"Method":"","Params":null,"Static":90000000000}""", topup.GetProperty("Balance").GetProperty("Value").GetRawText());
        Assert.Equal(20m, topup.GetProperty("Balance").GetProperty("Weight").GetDecimal());
        Assert.True(topup.GetProperty("Balance").GetProperty("Blocker").GetBoolean());
        Assert.Equal("""{"DST_1002":true}""", topup.GetProperty("Balance").GetProperty("DestinationIDs").GetRawText());
        Assert.Equal("null", actions[1].GetProperty("Balance").GetProperty("Value").GetRawText());
        var voice = account.GetProperty("BalanceMap").GetProperty("*voice").EnumerateArray().Single(b => b.GetProperty("ID").GetString() == "v2");
        Assert.Equal(90_000_000_000m, voice.GetProperty("Value").GetDecimal());
        Assert.Equal("EXISTS", exists.Error);
    }

    [Fact]
    public async Task SetActions_MissingOrBadText_RefusedWithCgratesErrors()
    {
        await using var engine = await SessionEngine.StartAsync();

        var noActions = await engine.Api.CallRawAsync("APIerSv2.SetActions", """{"ActionsId":"A"}"""u8.ToArray());
        var noUnits = await engine.Api.CallRawAsync("APIerSv2.SetActions", """{"ActionsId":"A","Actions":[{"Identifier":"*topup","BalanceType":"*monetary","Weight":1}]}"""u8.ToArray());
        var badUnits = await engine.Api.CallRawAsync("APIerSv2.SetActions", """{"ActionsId":"A","Actions":[{"Identifier":"*topup","BalanceType":"*monetary","Units":"ten","Weight":1}]}"""u8.ToArray());
        var badWeight = await engine.Api.CallRawAsync("APIerSv2.SetActions", """{"ActionsId":"A","Actions":[{"Identifier":"*topup","BalanceType":"*monetary","Units":"1","BalanceWeight":"x","Weight":1}]}"""u8.ToArray());
        var unknown = await engine.Api.CallRawAsync("APIerSv2.GetActions", """{"ActionIDs":["NO_SUCH"]}"""u8.ToArray());
        var all = await engine.CallAsync("APIerSv2.GetActions", """{"Limit":2,"Offset":1}""");

        Assert.Equal("MANDATORY_IE_MISSING: [Actions]", noActions.Error);
        Assert.Equal("MANDATORY_IE_MISSING:Action:*topup:[Units]", noUnits.Error);
        Assert.Equal("Invalid value: ten", badUnits.Error);
        Assert.Equal("strconv.ParseFloat: parsing \"x\": invalid syntax", badWeight.Error);
        Assert.Equal("SERVER_ERROR: NOT_FOUND", unknown.Error);
        Assert.Equal(["ACT_TOPUP_RST_10", "DISABLE_AND_LOG"], all.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
