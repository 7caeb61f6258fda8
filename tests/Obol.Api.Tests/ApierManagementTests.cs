using System.Text.Json;
using Xunit;

namespace Obol.Api.Tests;

/// <summary>Accounts, actions, action plans and rating data managed over the APIer.</summary>
public class ApierManagementTests
{
    [Fact]
    public async Task SetAccount_NewWithTriggersAndDisabled_CreatesItThatWay()
    {
        await using var api = await ApiCalls.StartAsync();
        Assert.Equal("OK", await api.ResultAsync<string>("APIerSv1.SetAccount", new
        {
            Tenant = "cgrates.org",
            Account = "1010",
            ActionTriggersID = "STANDARD_TRIGGERS",
            ExtraOptions = new { Disabled = true },
        }));
        var account = await api.ResultAsync<JsonElement>("APIerSv2.GetAccount", new { Tenant = "cgrates.org", Account = "1010" });
        Assert.True(account.GetProperty("Disabled").GetBoolean());
        var triggers = await api.ResultAsync<JsonElement>("APIerSv1.GetAccountActionTriggers", new { Tenant = "cgrates.org", Account = "1010" });
        Assert.Equal([20m, 100m], triggers.EnumerateArray().Select(t => t.GetProperty("ThresholdValue").GetDecimal()).Order());
    }

    [Fact]
    public async Task SetAccount_UnknownTriggers_FailsAndCreatesNothing()
    {
        await using var api = await ApiCalls.StartAsync();
        Assert.Equal("SERVER_ERROR: NOT_FOUND", await api.ErrorAsync("APIerSv1.SetAccount", new { Account = "1011", ActionTriggersID = "NOPE" }));
        Assert.Equal("NOT_FOUND", await api.ErrorAsync("APIerSv2.GetAccount", new { Account = "1011" }));
        Assert.Equal("MANDATORY_IE_MISSING: [Account]", await api.ErrorAsync("APIerSv1.SetAccount", new { Tenant = "cgrates.org" }));
    }

    [Fact]
    public async Task RemoveAccount_Existing_IsGoneAndLeavesItsPlan()
    {
        await using var api = await ApiCalls.StartAsync();
        Assert.Equal("OK", await api.ResultAsync<string>("APIerSv1.RemoveAccount", new { Tenant = "cgrates.org", Account = "1003" }));
        Assert.Equal("NOT_FOUND", await api.ErrorAsync("APIerSv2.GetAccount", new { Tenant = "cgrates.org", Account = "1003" }));
        var plan = (await api.ResultAsync<JsonElement>("APIerSv1.GetActionPlan", new { ID = "AP_PACKAGE_10" }))[0];
        Assert.False(plan.GetProperty("AccountIDs").TryGetProperty("cgrates.org:1003", out _));
        Assert.True(plan.GetProperty("AccountIDs").TryGetProperty("cgrates.org:1001", out _));
        Assert.Equal("SERVER_ERROR: NOT_FOUND", await api.ErrorAsync("APIerSv1.RemoveAccount", new { Tenant = "cgrates.org", Account = "1003" }));
    }

    [Fact]
    public async Task RemoveBalances_Monetary_EmptiesTheBalanceMap()
    {
        await using var api = await ApiCalls.StartAsync();
        Assert.Equal("OK", await api.ResultAsync<string>("APIerSv1.RemoveBalances", new { Account = "1001", BalanceType = "*monetary", Balance = new { ID = "test" } }));
        var account = await api.ResultAsync<JsonElement>("APIerSv2.GetAccount", new { Account = "1001" });
        var balances = account.GetProperty("BalanceMap");
        Assert.True(!balances.TryGetProperty("*monetary", out var monetary) || monetary.GetArrayLength() == 0);
        Assert.Equal("NOT_FOUND", await api.ErrorAsync("APIerSv1.RemoveBalances", new { Account = "7777", BalanceType = "*monetary" }));
    }

    [Fact]
    public async Task SetActions_ThenGetActions_RoundTripsAndRefusesOverwrite()
    {
        await using var api = await ApiCalls.StartAsync();
        var args = new
        {
            ActionsId = "ACT_TOPUP_5",
            Actions = new[] { new { Identifier = "*topup", BalanceType = "*monetary", BalanceId = "bonus", Units = 5, Weight = 10, BalanceWeight = 20 } },
        };
        Assert.Equal("OK", await api.ResultAsync<string>("APIerSv1.SetActions", args));
        var actions = await api.ResultAsync<JsonElement>("APIerSv1.GetActions", "ACT_TOPUP_5");
        Assert.Equal("*topup", actions[0].GetProperty("Identifier").GetString());
        Assert.Equal("5", actions[0].GetProperty("Units").GetString());
        Assert.Equal("bonus", actions[0].GetProperty("BalanceId").GetString());
        Assert.Equal("20", actions[0].GetProperty("BalanceWeight").GetString());
        Assert.Equal("EXISTS", await api.ErrorAsync("APIerSv1.SetActions", args));
        Assert.Equal("SERVER_ERROR: NOT_FOUND", await api.ErrorAsync("APIerSv1.GetActions", "ACT_NONE"));
    }

    [Fact]
    public async Task SetActionPlan_AsapBoundBySetAccount_RunsForTheAccount()
    {
        await using var api = await ApiCalls.StartAsync();
        await api.ResultAsync<string>("APIerSv1.SetActions", new
        {
            ActionsId = "ACT_TOPUP_5",
            Actions = new[] { new { Identifier = "*topup", BalanceType = "*monetary", BalanceId = "bonus", Units = 5, Weight = 10 } },
        });
        Assert.Equal("BROKEN_REFERENCE:ACT_MISSING", await api.ErrorAsync("APIerSv1.SetActionPlan",
            new { Id = "AP_BONUS", ActionPlan = new[] { new { ActionsId = "ACT_MISSING", Time = "*asap", Weight = 10 } } }));
        Assert.Equal("OK", await api.ResultAsync<string>("APIerSv1.SetActionPlan",
            new { Id = "AP_BONUS", ActionPlan = new[] { new { ActionsId = "ACT_TOPUP_5", Time = "*asap", Weight = 10 } } }));
        Assert.Equal("OK", await api.ResultAsync<string>("APIerSv1.SetAccount", new { Account = "1002", ActionPlanID = "AP_BONUS" }));
        await api.Rals.Scheduler.WhenIdleAsync();
        Assert.Equal(15m, await api.MonetaryAsync("1002"));
        var plan = (await api.ResultAsync<JsonElement>("APIerSv1.GetActionPlan", new { ID = "AP_BONUS" }))[0];
        Assert.True(plan.GetProperty("AccountIDs").GetProperty("cgrates.org:1002").GetBoolean());
        // SetAccount with a plan moves the account off the others, as CGRateS v1 does.
        var package = (await api.ResultAsync<JsonElement>("APIerSv1.GetActionPlan", new { ID = "AP_PACKAGE_10" }))[0];
        Assert.False(package.GetProperty("AccountIDs").TryGetProperty("cgrates.org:1002", out _));
        var timings = await api.ResultAsync<JsonElement>("APIerSv1.GetAccountActionPlan", new { Account = "1002" });
        Assert.Equal("AP_BONUS", timings[0].GetProperty("ActionPlanId").GetString());
        Assert.Equal("OK", await api.ResultAsync<string>("APIerSv1.RemoveActionPlan", new { ID = "AP_BONUS" }));
        Assert.Equal("NOT_FOUND", await api.ErrorAsync("APIerSv1.GetActionPlan", new { ID = "AP_BONUS" }));
    }

    [Fact]
    public async Task GetDestination_Tutorial_AnswersItsPrefixes()
    {
        await using var api = await ApiCalls.StartAsync();
        var destination = await api.ResultAsync<JsonElement>("APIerSv1.GetDestination", "DST_1002");
        Assert.Equal("DST_1002", destination.GetProperty("Id").GetString());
        Assert.Equal(["1002"], destination.GetProperty("Prefixes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("NOT_FOUND", await api.ErrorAsync("APIerSv1.GetDestination", "DST_NONE"));
    }

    [Fact]
    public async Task GetRatingProfile_1001_ListsBothActivations()
    {
        await using var api = await ApiCalls.StartAsync();
        var profile = await api.ResultAsync<JsonElement>("APIerSv1.GetRatingProfile", new { Tenant = "cgrates.org", Category = "call", Subject = "1001" });
        Assert.Equal("*out:cgrates.org:call:1001", profile.GetProperty("Id").GetString());
        var plans = profile.GetProperty("RatingPlanActivations").EnumerateArray().Select(a => a.GetProperty("RatingPlanId").GetString()).Order().ToList();
        Assert.Equal(["RP_1001", "RP_1002"], plans);
        Assert.Equal("MANDATORY_IE_MISSING: [Category Subject]", await api.ErrorAsync("APIerSv1.GetRatingProfile", new { Tenant = "cgrates.org" }));
    }

    [Fact]
    public async Task GetRatingPlan_RP1001_HasTheRatesOfItsDestinations()
    {
        await using var api = await ApiCalls.StartAsync();
        var plan = await api.ResultAsync<JsonElement>("APIerSv1.GetRatingPlan", "RP_1001");
        var rows = plan.GetProperty("DestinationRates").GetProperty("DST_1002");
        var rating = plan.GetProperty("Ratings").GetProperty(rows[0].GetProperty("Rating").GetString()!);
        Assert.Equal(0.4m, rating.GetProperty("ConnectFee").GetDecimal());
        Assert.Equal(60_000_000_000L, rating.GetProperty("Rates")[0].GetProperty("RateIncrement").GetInt64());
    }
}
