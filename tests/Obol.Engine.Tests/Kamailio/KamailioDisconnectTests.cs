using System.Diagnostics;
using Xunit;

namespace Obol.Engine.Tests.Kamailio;

/// <summary>The engine ending a real call through Kamailio: the destination's MaxCost reached.</summary>
public sealed class KamailioMaxCostTests
{
    [Fact]
    public async Task Call_1001To1003_TornDownAtTheMaxCostAfter12s()
    {
        await using var engine = await KamailioEngine.StartAsync("maxcost");
        var before = await engine.MonetaryAsync("1001");

        var (caller, callee, callId) = await engine.CallAsync("1001", "1003", talk: null, timeout: TimeSpan.FromSeconds(40));

        Assert.True(caller.ExitCode == 0 && caller.Successful == 1, caller + "\n" + engine.Diagnostics());
        Assert.True(caller.ReceivedBye, "the caller never hangs up: the BYE comes from Kamailio\n" + caller);
        Assert.True(callee.ReceivedBye, callee.ToString());
        Assert.InRange(caller.Talked!.Value.TotalSeconds, 11, 13.5);
        var cdr = await engine.DefaultCdrAsync(callId);
        var usage = CdrJson.Usage(cdr);
        Assert.InRange(usage.TotalSeconds, 11, 13);
        var cost = CdrJson.Cost(cdr);
        Assert.Equal(await engine.TariffCostAsync("1001", "1003", usage, CdrJson.AnswerTime(cdr)), cost);
        // A cent a second in 1 s increments: the usage's range above in cost. *disconnect charges what was talked, so a
        // BYE that a busy machine delays past 12 s costs the thirteenth second too.
        Assert.InRange(cost, 0.11m, 0.13m);
        Assert.Equal(before - cost, await engine.MonetaryAsync("1001"));
    }
}

/// <summary>
/// The engine ending a real call through Kamailio: the account disabled mid-call (balance_set 101 fires the plan's
/// *max_balance 100 trigger, DISABLE_AND_LOG), so the next debit fails.
/// </summary>
public sealed class KamailioBalanceSetTests
{
    [Fact]
    public async Task Call_BalanceSet101During1001Call_TornDownAtTheNextDebit()
    {
        await using var engine = await KamailioEngine.StartAsync("balanceset");

        // To 1003 (1 cent a second, 1 s increments) every 5 s debit costs money. To 1002 the first debit pays a whole
        // 60 s increment, and debits inside what was paid never reach the account (CGRateS' debit reserve), so the
        // disabled account would only show at 60 s.
        using var uas = engine.StartCallee(TimeSpan.FromSeconds(40));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        using var uac = engine.StartCaller("1001", "1003", TimeSpan.FromSeconds(35));
        var clock = Stopwatch.StartNew();
        while (await engine.MonetaryAsync("1001") == 10m) // the first debit, at answer
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "1001 was never debited\n" + engine.Diagnostics());
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await engine.CallApiAsync("APIerSv1.SetBalance",
            """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":101,"Balance":{"ID":"test"}}""");
        var (caller, callee) = await KamailioEngine.FinishAsync(uac, uas);

        Assert.True(caller.ExitCode == 0 && caller.Successful == 1, caller + "\n" + engine.Diagnostics());
        Assert.True(caller.ReceivedBye, "the caller never hangs up: the BYE comes from Kamailio\n" + caller);
        Assert.True(callee.ReceivedBye, callee.ToString());
        // debit_interval is 5 s: cut at the second debit, well before 1003's MaxCost (12 s)
        Assert.InRange(caller.Talked!.Value.TotalSeconds, 4, 7.5);
        var account = await engine.CallApiAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        Assert.True(account.GetProperty("Disabled").GetBoolean());
        Assert.Contains("CGR_SESSION_DISCONNECT", engine.Kamailio.Log, StringComparison.Ordinal);
        var cdr = await engine.DefaultCdrAsync(uac.CallId);
        Assert.InRange(CdrJson.Usage(cdr).TotalSeconds, 4, 8);
    }
}
