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

    private static string CallEvent(int i, string? usage) => $$"""
        "Tenant":"cgrates.org","ID":"crash-{{i}}","Event":{"OriginID":"crash-call-{{i}}","OriginHost":"{{SimulatedSwitch.OriginHost}}",
        "RequestType":"*prepaid","Account":"crash{{i % Accounts}}","Subject":"1001","Destination":"1002","Category":"call","ToR":"*voice",
        "SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z"{{(usage is null ? "" : $",\"Usage\":\"{usage}\"")}}}
        """;
}
