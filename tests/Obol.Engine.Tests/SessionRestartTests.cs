using Xunit;
namespace Obol.Engine.Tests;

/// <summary>The active-session backup: a SIGKILL with prepaid calls up neither loses their charges nor charges them twice.</summary>
public sealed class SessionRestartTests
{
    private const int Accounts = 5;
    private const int Calls = 100;

    [Fact]
    public async Task SigKill_100ActivePrepaidSessions_MoneyTakenEqualsCdrCostsPerAccount()
    {
        await using var engine = await SessionEngine.StartAsync();
        for (var a = 0; a < Accounts; a++)
        {
            await engine.CallAsync("APIerSv1.SetAccount", $$"""{"Tenant":"cgrates.org","Account":"crash{{a}}"}""");
            await engine.CallAsync("APIerSv1.SetBalance",
                $$$"""{"Tenant":"cgrates.org","Account":"crash{{{a}}}","BalanceType":"*monetary","Value":1000,"Balance":{"ID":"main"}}""");
        }
        for (var i = 0; i < Calls; i++)
        {
            var reply = await engine.Switch.CallAsync("SessionSv1.InitiateSession",
                $$$"""{"InitSession":true,{{{CallEvent(i, null)}}},"APIOpts":{"*sessionsDebitInterval":"{{{1 + (i % 3)}}}s"}}""");
            Assert.Equal(-1, reply.GetProperty("MaxUsage").GetInt64());
        }
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);

        await engine.KillAndRestartAsync();
        var active = await engine.CallAsync("SessionSv1.GetActiveSessions", "null");
        var restored = active.EnumerateArray().Select(s => s.GetProperty("CGRID").GetString()).Distinct().Count();
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        for (var i = 0; i < Calls; i++)
        {
            var usage = $"{40 + (i * 7 % 90)}s";
            Assert.Equal("OK", (await engine.Switch.RawAsync("SessionSv1.TerminateSession", $$"""{"TerminateSession":true,{{CallEvent(i, usage)}}}""")).ResultString());
            Assert.Equal("OK", (await engine.Switch.RawAsync("SessionSv1.ProcessCDR", $$"""{{{CallEvent(i, usage)}}}""")).ResultString());
        }

        Assert.Equal(Calls, restored);
        var cdrs = await engine.CallAsync("APIerSv2.GetCDRs", """{"RunIDs":["*default"]}""");
        Assert.Equal(Calls, cdrs.GetArrayLength());
        for (var a = 0; a < Accounts; a++)
        {
            var costs = cdrs.EnumerateArray().Where(c => c.GetProperty("Account").GetString() == $"crash{a}")
                .Sum(c => c.GetProperty("Cost").GetDecimal());
            var taken = 1000m - await engine.MonetaryAsync($"crash{a}");
            Assert.True(costs > 0);
            Assert.Equal(costs, taken);
        }
    }

    [Fact]
    public async Task SigKill_BetweenTerminateAndProcessCdr_CdrTakesTheSettledCostWhichIsThenNotKeptTwice()
    {
        await using var engine = await SessionEngine.StartAsync();
        await StartCallWithTenAsync(engine);
        Assert.Equal("OK", (await engine.Switch.RawAsync("SessionSv1.TerminateSession", $$"""{"TerminateSession":true,{{CallEvent(0, "75s")}}}""")).ResultString());
        var taken = 10m - await engine.MonetaryAsync("crash0");

        await engine.KillAndRestartAsync();
        Assert.Equal("OK", (await engine.Switch.RawAsync("SessionSv1.ProcessCDR", $$"""{{{CallEvent(0, "75s")}}}""")).ResultString());
        var cdr = (await engine.CdrsAsync("crash-call-0")).EnumerateArray().Single(c => c.GetProperty("RunID").GetString() == "*default");
        var takenAfter = 10m - await engine.MonetaryAsync("crash0");
        engine.Process.Signal("TERM");
        await engine.Process.WaitForExitAsync();

        Assert.True(taken > 0);
        Assert.Equal((taken, taken, "*sessions"), (takenAfter, cdr.GetProperty("Cost").GetDecimal(), cdr.GetProperty("CostSource").GetString()));
        await using var store = await Storage.Sqlite.SqliteStore.OpenAsync(engine.DataDir, cancellationToken: TestContext.Current.CancellationToken);
        var key = $"{cdr.GetProperty("CGRID").GetString()}/*default";
        Assert.Null(await store.Documents.GetAsync(SessionServer.SessionJournal.Costs, key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SigKill_DuringACall_CdrsAccountSummaryStartsFromTheBalanceBeforeTheCall()
    {
        await using var engine = await SessionEngine.StartAsync();
        await StartCallWithTenAsync(engine);

        await engine.KillAndRestartAsync();
        Assert.Equal("OK", (await engine.Switch.RawAsync("SessionSv1.TerminateSession", $$"""{"TerminateSession":true,{{CallEvent(0, "75s")}}}""")).ResultString());
        Assert.Equal("OK", (await engine.Switch.RawAsync("SessionSv1.ProcessCDR", $$"""{{{CallEvent(0, "75s")}}}""")).ResultString());

        var cdr = (await engine.CdrsAsync("crash-call-0")).EnumerateArray().Single(c => c.GetProperty("RunID").GetString() == "*default");
        // APIerSv2.GetCDRs gives CostDetails as a JSON string (ExternalCDR).
        using var details = System.Text.Json.JsonDocument.Parse(cdr.GetProperty("CostDetails").GetString()!);
        var balance = Assert.Single(details.RootElement.GetProperty("AccountSummary").GetProperty("BalanceSummaries").EnumerateArray());
        Assert.Equal((10m, await engine.MonetaryAsync("crash0")), (balance.GetProperty("Initial").GetDecimal(), balance.GetProperty("Value").GetDecimal()));
        Assert.Equal(10m - cdr.GetProperty("Cost").GetDecimal(), balance.GetProperty("Value").GetDecimal());
    }

    /// <summary>crash0 with 10 in its balance, and its call crash-call-0 initiated for 30 s.</summary>
    private static async Task StartCallWithTenAsync(SessionEngine engine)
    {
        await engine.CallAsync("APIerSv1.SetAccount", """{"Tenant":"cgrates.org","Account":"crash0"}""");
        await engine.CallAsync("APIerSv1.SetBalance",
            """{"Tenant":"cgrates.org","Account":"crash0","BalanceType":"*monetary","Value":10,"Balance":{"ID":"main"}}""");
        await engine.Switch.CallAsync("SessionSv1.InitiateSession",
            $$$"""{"InitSession":true,{{{CallEvent(0, "30s")}}},"APIOpts":{"*sessionsDebitInterval":"0s"}}""");
    }

    private static string CallEvent(int i, string? usage) => $$"""
        "Tenant":"cgrates.org","ID":"crash-{{i}}","Event":{"OriginID":"crash-call-{{i}}","OriginHost":"{{SimulatedSwitch.OriginHost}}",
        "RequestType":"*prepaid","Account":"crash{{i % Accounts}}","Subject":"1001","Destination":"1002","Category":"call","ToR":"*voice",
        "SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z"{{(usage is null ? "" : $",\"Usage\":\"{usage}\"")}}}
        """;
}
