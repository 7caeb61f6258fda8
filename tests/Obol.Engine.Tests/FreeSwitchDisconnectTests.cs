using Xunit;

namespace Obol.Engine.Tests;

/// <summary>
/// The engine cutting prepaid calls on a fake FreeSWITCH through the agent (SessionDisconnectTests' scenarios): the
/// tutorial's MaxCost on 1001→1003, and an account that fraud detection disables mid-call.
/// </summary>
public sealed class FreeSwitchDisconnectTests
{
    [Fact]
    public async Task Call_1001To1003OverMaxCost_TransferScheduledAt12sAndCutByTheDebitLoopAt12s()
    {
        await using var engine = await FreeSwitchEngine.StartAsync();
        var before = await engine.MonetaryAsync("1001");
        var call = engine.Call("1001", "1003", "*prepaid");

        Assert.Equal("AUTH_OK", await call.ParkAsync());
        var atPark = call.AgentVariables;
        await call.AnswerAsync();
        var hangup = await call.WaitForDisconnectAsync(TimeSpan.FromSeconds(30));
        var cutAfter = DateTimeOffset.UtcNow - call.AnsweredAt!.Value;
        // FreeSWITCH then hangs up with the cause it was given.
        var billsec = await call.HangupAsync(cause: hangup.Headers["hangup-cause"]);
        var cdr = await engine.DefaultCdrAsync(call.Uuid);

        // At park the agent limits the call itself, as CGRateS does: cgr_max_usage and, on answer, a transfer to the
        // sched_transfer_extension (CGRateS's default "CGRateS", which the tutorial config keeps) when it runs out...
        Assert.Equal("12", atPark["cgr_max_usage"]);
        Assert.Equal("sched_transfer +12 CGRateS XML default", atPark["execute_on_answer"]);
        // ...which it cancels on answer, since SessionS runs a debit loop for the call (MaxUsage -1).
        Assert.Contains($"sched_del {FreeSwitchEngine.SchedId(call.Uuid)}", engine.FreeSwitch.ApiCommands);
        // The debit loop reaches the MaxCost and SessionS has the agent hang up: notify first, then sendmsg hangup.
        Assert.InRange(cutAfter.TotalSeconds, 11, 13);
        Assert.Equal("INSUFFICIENT_CREDIT", call.AgentVariables["cgr_notify"]);
        Assert.Equal("MANAGER_REQUEST", hangup.Headers["hangup-cause"]);
        Assert.Equal(12, billsec);
        var maxCost = await engine.TariffCostAsync("1001", "1003", "12s");
        Assert.Equal(0.12m, maxCost);
        Assert.Equal(before - maxCost, await engine.MonetaryAsync("1001"));
        Assert.Equal(maxCost, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal(12_000_000_000, cdr.GetProperty("Usage").GetInt64());
    }

    [Fact]
    public async Task BalanceSet_101On1001DuringCall_AccountDisabledAndCallCutAtTheNextDebit()
    {
        await using var engine = await FreeSwitchEngine.StartAsync();
        // 1003 rather than 1002: RT_20CNT's first minute is debited whole at answer, and SessionS (as CGRateS) asks RALs
        // nothing more until it is used up; 1003's per-second rate makes every debit reach the account.
        var call = engine.Call("1001", "1003", "*prepaid");
        Assert.Equal("AUTH_OK", await call.ParkAsync());
        await call.AnswerAsync();
        // The first debit runs at answer; the balance is set before the second, due 5 s later (sessions.debit_interval).
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        await engine.CallAsync("APIerSv1.SetBalance", """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":101,"Balance":{"ID":"test"}}""");
        var hangup = await call.WaitForDisconnectAsync(TimeSpan.FromSeconds(15));
        var cutAfter = DateTimeOffset.UtcNow - call.AnsweredAt!.Value;
        await call.HangupAsync(cause: hangup.Headers["hangup-cause"]);

        Assert.InRange(cutAfter.TotalSeconds, 4.5, 7);
        Assert.Equal("SERVER_ERROR", call.AgentVariables["cgr_notify"]);
        var account = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        Assert.True(account.GetProperty("Disabled").GetBoolean());
    }
}
