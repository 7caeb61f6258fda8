using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>apier/v1/triggers.go over a real engine: trigger groups set and removed, accounts given, changed and relieved
/// of copies, and a copy that fires.</summary>
public sealed class ActionTriggerApiTests
{
    [Fact]
    public async Task SetActionTriggerThenAddToAccount_BalanceFallsUnderIt_AccountIsDisabled()
    {
        await using var engine = await SessionEngine.StartAsync();

        var set = await engine.CallAsync("APIerSv1.SetActionTrigger", """
            {"GroupID":"LOW_BALANCE","ActionTrigger":{"ThresholdType":"*min_balance","ThresholdValue":5,"BalanceType":"*monetary",
             "ActionsID":"DISABLE_AND_LOG","Weight":10}}
            """);
        var group = await engine.CallAsync("APIerSv1.GetActionTriggers", """{"GroupIDs":["LOW_BALANCE"]}""");
        var added = await engine.CallAsync("APIerSv1.AddAccountActionTriggers", """{"Account":"1002","ActionTriggerIDs":["LOW_BALANCE"]}""");
        var addedAgain = await engine.CallAsync("APIerSv1.AddAccountActionTriggers", """{"Account":"1002","ActionTriggerIDs":["LOW_BALANCE"]}""");
        await engine.CallAsync("APIerSv1.DebitBalance", """{"Tenant":"cgrates.org","Account":"1002","BalanceType":"*monetary","Value":6}""");

        Assert.Equal(("OK", "OK", "OK"), (set.GetString(), added.GetString(), addedAgain.GetString()));
        var trigger = Assert.Single(group.EnumerateArray());
        Assert.Equal(("LOW_BALANCE", "*min_balance", 5m, "DISABLE_AND_LOG"), (trigger.GetProperty("ID").GetString(),
            trigger.GetProperty("ThresholdType").GetString(), trigger.GetProperty("ThresholdValue").GetDecimal(), trigger.GetProperty("ActionsID").GetString()));
        Assert.NotEmpty(trigger.GetProperty("UniqueID").GetString()!);
        Assert.Equal(3, (await TriggersOfAsync(engine, "1002")).Count(t => t.GetProperty("ID").GetString() is "LOW_BALANCE" or "STANDARD_TRIGGERS"));
        Assert.True((await engine.CallAsync("APIerSv2.GetAccount", """{"Account":"1002"}""")).GetProperty("Disabled").GetBoolean());
    }

    [Fact]
    public async Task AccountTriggerMethods_SetResetRemove_ChangeOnlyTheSelectedCopies()
    {
        await using var engine = await SessionEngine.StartAsync();

        await engine.CallAsync("APIerSv1.SetAccountActionTriggers",
            """{"Account":"1001","GroupID":"STANDARD_TRIGGERS","ActionTrigger":{"ThresholdValue":15,"Executed":true}}""");
        var changed = await TriggersOfAsync(engine, "1001");
        var first = changed[0].GetProperty("UniqueID").GetString();
        await engine.CallAsync("APIerSv1.ResetAccountActionTriggers", $$"""{"Account":"1001","UniqueID":"{{first}}"}""");
        var reset = await TriggersOfAsync(engine, "1001");
        await engine.CallAsync("APIerSv1.RemoveAccountActionTriggers", $$"""{"Account":"1001","UniqueID":"{{first}}"}""");
        var left = await TriggersOfAsync(engine, "1001");
        var missing = await engine.Api.CallRawAsync("APIerSv1.RemoveAccountActionTriggers", """{"Account":"9999"}"""u8.ToArray());

        Assert.Equal([15m, 15m], changed.Select(t => t.GetProperty("ThresholdValue").GetDecimal()));
        Assert.Equal([false, true], reset.Select(t => t.GetProperty("Executed").GetBoolean()));
        Assert.Equal([changed[1].GetProperty("UniqueID").GetString()], left.Select(t => t.GetProperty("UniqueID").GetString()));
        Assert.Equal("NOT_FOUND", missing.Error);
    }

    [Fact]
    public async Task RemoveActionTrigger_OneThenTheGroup_GroupShrinksThenIsNotFound()
    {
        await using var engine = await SessionEngine.StartAsync();
        var standard = (await engine.CallAsync("APIerSv1.GetActionTriggers", """{"GroupIDs":["STANDARD_TRIGGERS"]}""")).EnumerateArray().ToList();

        await engine.CallAsync("APIerSv1.RemoveActionTrigger",
            $$"""{"GroupID":"STANDARD_TRIGGERS","UniqueID":"{{standard[0].GetProperty("UniqueID").GetString()}}"}""");
        var shrunk = await engine.CallAsync("APIerSv1.GetActionTriggers", """{"GroupIDs":["STANDARD_TRIGGERS"]}""");
        await engine.CallAsync("APIerSv1.RemoveActionTrigger", """{"GroupID":"STANDARD_TRIGGERS"}""");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetActionTriggers", """{"GroupIDs":["STANDARD_TRIGGERS"]}"""u8.ToArray());

        Assert.Equal(2, standard.Count);
        Assert.Equal(standard[1].GetProperty("UniqueID").GetString(), Assert.Single(shrunk.EnumerateArray()).GetProperty("UniqueID").GetString());
        Assert.Equal("NOT_FOUND", gone.Error);
    }

    private static async Task<List<JsonElement>> TriggersOfAsync(SessionEngine engine, string account) =>
        [.. (await engine.CallAsync("APIerSv1.GetAccountActionTriggers", $$"""{"Account":"{{account}}"}""")).EnumerateArray()];
}
