using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>What SessionSv1 lists and answers, field by field as CGRateS's ExternalSession and replies carry them.</summary>
public sealed class SessionListingTests
{
    [Fact]
    public async Task GetActiveSessions_PrepaidCallInItsDebitLoop_ListsNextDebitIntervalAndSource()
    {
        await using var engine = await SessionEngine.StartAsync();
        var before = DateTimeOffset.UtcNow;
        await engine.Switch.InitiateAsync("ls1", "1001", "1002", "*prepaid", debitInterval: "10s");

        var runs = (await engine.CallAsync("SessionSv1.GetActiveSessions", "null")).EnumerateArray().ToList();
        // A filter id that names no filter is skipped, as CGRateS's getIndexedFilters does: every run still matches.
        var unfiltered = await engine.CallAsync("SessionSv1.GetActiveSessions", """{"Filters":["NO_SUCH_FILTER"]}""");

        var prepaid = runs.Single(r => r.GetProperty("RunID").GetString() == "*default");
        var next = prepaid.GetProperty("NextAutoDebit").GetDateTimeOffset();
        Assert.InRange(next, before, DateTimeOffset.UtcNow.AddSeconds(10));
        Assert.All(runs, r => Assert.Equal(10_000_000_000, r.GetProperty("DebitInterval").GetInt64()));
        Assert.All(runs, r => Assert.Equal("SessionS_", r.GetProperty("Source").GetString()));
        Assert.Equal("call", prepaid.GetProperty("Category").GetString());
        Assert.Equal(runs.Count, unfiltered.GetArrayLength());
    }

    [Fact]
    public async Task AuthorizeEvent_ThresholdsMatchingNothing_AnswersNullIds()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Switch.CallAsync("SessionSv1.AuthorizeEvent",
            $$"""{"GetAttributes":true,"ProcessThresholds":true,{{SimulatedSwitch.Event("th1", "1003", "1002", "*prepaid")}}}""");
        var matched = await engine.Switch.CallAsync("SessionSv1.AuthorizeEvent",
            $$"""{"GetAttributes":true,"ProcessThresholds":true,{{SimulatedSwitch.Event("th2", "1002", "1001", "*prepaid")}}}""");

        Assert.Equal(JsonValueKind.Null, reply.GetProperty("ThresholdIDs").ValueKind);
        Assert.Equal(["THD_ACNT_1002"], matched.GetProperty("ThresholdIDs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task WithDigestReplies_NothingButMaxUsageAsked_OtherFieldsNullAndInitiateHasNoRoutes()
    {
        await using var engine = await SessionEngine.StartAsync();

        var auth = await engine.Switch.CallAsync("SessionSv1.AuthorizeEventWithDigest",
            $$"""{"GetMaxUsage":true,{{SimulatedSwitch.Event("dg1", "1001", "1002", "*prepaid")}}}""");
        var init = await engine.Switch.CallAsync("SessionSv1.InitiateSessionWithDigest",
            $$"""{"InitSession":true,{{SimulatedSwitch.Event("dg1", "1001", "1002", "*prepaid")}}}""");

        Assert.Equal(["AttributesDigest", "AllocatedIP", "ResourceAllocation", "MaxUsage", "RoutesDigest", "Thresholds", "StatQueues"],
            auth.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, auth.GetProperty("RoutesDigest").ValueKind);
        Assert.True(auth.GetProperty("MaxUsage").GetDouble() > 0);
        Assert.Equal(["AttributesDigest", "AllocatedIP", "ResourceAllocation", "MaxUsage", "Thresholds", "StatQueues"], init.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ProcessEvent_AttributesMatchingNothing_LeavesTheEmptyMapOut()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Switch.CallAsync("SessionSv1.ProcessEvent",
            $$"""{"Flags":["*attributes","*thresholds"],{{SimulatedSwitch.Event("pe1", "7777", "1002", "*prepaid")}}}""");

        Assert.False(reply.TryGetProperty("Attributes", out _));
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("ThresholdIDs").GetProperty("*raw").ValueKind);
    }

    [Fact]
    public async Task ProcessEvent_InitiateWithDerivedReply_MaxUsageOfEverySessionRunAndTheLeastUnderRaw()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Switch.CallAsync("SessionSv1.ProcessEvent",
            $$$"""{"Flags":["*rals:*initiate","*rals:*derived_reply"],{{{SimulatedSwitch.Event("pe2", "1001", "1003", "*prepaid", "60s")}}},"APIOpts":{"*sessionsDebitInterval":"0s"}}""");

        // 1001 to 1003 stops at MaxCost 0.12 (*disconnect): 12 s for the charged run; the *none run is granted what it asked.
        var maxUsage = reply.GetProperty("MaxUsage");
        Assert.Equal(12_000_000_000, maxUsage.GetProperty("*default").GetInt64());
        Assert.Equal(12_000_000_000, maxUsage.GetProperty("*raw").GetInt64());
    }
}
