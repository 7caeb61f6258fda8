using Obol.Events;
using Obol.Primitives;
using Xunit;

namespace Obol.Sessions.Tests;

public sealed class DebitLoopTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Prepaid_93s_call_with_10s_interval_ends_at_balance_minus_cost_of_93s()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr1", Meta.Prepaid) with { DebitInterval = Usage.FromSeconds(10) };

        var (maxUsage, error) = await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal(Usage.Unlimited, maxUsage);
        for (var tick = 1; tick <= 9; tick++)
        {
            var debitsSoFar = tick;
            await h.AdvanceWhenArmedAsync(s_interval, () => h.Rater.CallCount("MaxDebit") == debitsSoFar);
        }
        await h.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(3), () => h.Rater.CallCount("MaxDebit") == 10);
        Assert.Equal(10m - 1.00m, h.Rater.Balance);

        Assert.Null(await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(93) }, TestContext.Current.CancellationToken));

        Assert.Equal(10m - 0.93m, h.Rater.Balance);
        Assert.Equal(10, h.Rater.CallCount("MaxDebit"));
        Assert.Equal(1, h.Rater.CallCount("RefundIncrements"));
        var run = Assert.Single(h.Manager.GetClosed("cgr1")!.Runs);
        Assert.Equal(0.93m, run.Fields[EventFields.Cost]);
        Assert.Equal(Usage.FromSeconds(93), run.Fields[EventFields.Usage]);
        Assert.Equal("*sessions", run.Fields[SessionManager.CostSourceField]);
        Assert.Same(run.EventCost, run.Fields[SessionManager.CostDetailsField]);
        Assert.Equal(Usage.FromSeconds(93), run.CallCost!.RatedUsage);
        Assert.Null(h.Manager.GetActive("cgr1"));
        Assert.Empty(h.Disconnector.Requests);
    }

    [Fact]
    public async Task Update_while_the_loop_debits_is_granted_its_usage_without_a_debit_of_its_own()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr1", Meta.Prepaid) with { DebitInterval = Usage.FromSeconds(10) };
        var ct = TestContext.Current.CancellationToken;
        await h.Manager.InitiateAsync(call, ct);
        // Tick 0 has debited the first interval once the loop waits for tick 1.
        await h.AdvanceWhenArmedAsync(TimeSpan.Zero, () => h.Rater.CallCount("MaxDebit") == 1);

        var (granted, error) = await h.Manager.UpdateAsync(call with { Usage = Usage.FromSeconds(30) }, ct);

        Assert.Null(error);
        Assert.Equal(Usage.FromSeconds(30), granted);
        Assert.Equal(1, h.Rater.CallCount("MaxDebit"));
        Assert.Equal(10m - 0.10m, h.Rater.Balance);
    }

    [Fact]
    public async Task Update_of_an_unknown_session_with_an_interval_starts_its_loop_and_is_granted_its_usage()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr1", Meta.Prepaid) with { DebitInterval = Usage.FromSeconds(10), Usage = Usage.FromSeconds(30) };

        var (granted, error) = await h.Manager.UpdateAsync(call, TestContext.Current.CancellationToken);
        await h.AdvanceWhenArmedAsync(s_interval, () => h.Rater.CallCount("MaxDebit") == 1);
        await h.AdvanceWhenArmedAsync(TimeSpan.Zero, () => h.Rater.CallCount("MaxDebit") == 2);

        Assert.Null(error);
        Assert.Equal(Usage.FromSeconds(30), granted);
        Assert.Equal(10m - 0.20m, h.Rater.Balance);
    }

    [Fact]
    public async Task Insufficient_credit_disconnects_when_the_granted_usage_runs_out()
    {
        var h = new SessionHarness(balance: 0.25m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr2", Meta.Prepaid) with { DebitInterval = Usage.FromSeconds(10) };
        var start = h.Clock.GetUtcNow();

        await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);
        await h.AdvanceWhenArmedAsync(s_interval, () => h.Rater.CallCount("MaxDebit") == 1);
        await h.AdvanceWhenArmedAsync(s_interval, () => h.Rater.CallCount("MaxDebit") == 2);
        await h.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(4), () => h.Rater.CallCount("MaxDebit") == 3);
        Assert.Empty(h.Disconnector.Requests);
        await h.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(1));
        await SessionHarness.EventuallyAsync(() => h.Disconnector.Requests.Count == 1);

        var (request, at) = h.Disconnector.Requests[0];
        Assert.Equal(ErrorCodes.InsufficientCredit, request.Reason);
        Assert.Equal("cgr2", request.CgrId);
        Assert.Equal(TimeSpan.FromSeconds(25), at - start);
        Assert.Equal(0m, h.Rater.Balance);

        Assert.Null(await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(25) }, TestContext.Current.CancellationToken));
        Assert.Equal(0m, h.Rater.Balance);
        Assert.Equal(0.25m, h.Manager.GetClosed("cgr2")!.Runs[0].Fields[EventFields.Cost]);
    }

    [Fact]
    public async Task Failed_loop_debit_disconnects_with_server_error()
    {
        var h = new SessionHarness();
        h.Rater.FailMaxDebitWith = ErrorCodes.AccountDisabled;
        var call = SessionHarness.Call("cgr3", Meta.Prepaid) with { DebitInterval = Usage.FromSeconds(10) };

        await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);
        await SessionHarness.EventuallyAsync(() => h.Disconnector.Requests.Count == 1);

        Assert.Equal(ErrorCodes.ServerError, h.Disconnector.Requests[0].Request.Reason);
    }

    [Fact]
    public async Task DebitLoop_DebitThrows_WarnsAndDisconnectsWithServerError()
    {
        List<string> warnings = [];
        var h = new SessionHarness(options: new SessionOptions { Warn = m => { lock (warnings) { warnings.Add(m); } } });
        h.Rater.ThrowFromMaxDebit = new IOException("disk gone");
        var call = SessionHarness.Call("cgr5", Meta.Prepaid) with { DebitInterval = Usage.FromSeconds(10) };

        await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);
        await SessionHarness.EventuallyAsync(() => h.Disconnector.Requests.Count == 1);

        Assert.Equal(ErrorCodes.ServerError, h.Disconnector.Requests[0].Request.Reason);
        lock (warnings)
        {
            Assert.Contains(warnings, w => w.Contains("cgr5", StringComparison.Ordinal) && w.Contains("disk gone", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Refused_disconnects_force_terminate_after_terminate_attempts()
    {
        var h = new SessionHarness(balance: 0.05m, options: new SessionOptions { TerminateAttempts = 3 });
        h.Disconnector.Refuse = "agent gone";
        var call = SessionHarness.Call("cgr4", Meta.Prepaid) with { DebitInterval = Usage.FromSeconds(10) };

        await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);
        await h.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(5), () => h.Rater.CallCount("MaxDebit") == 1);
        await SessionHarness.EventuallyAsync(() => h.Manager.GetClosed("cgr4") is not null);

        Assert.Equal(3, h.Disconnector.Requests.Count);
        var run = h.Manager.GetClosed("cgr4")!.Runs[0];
        Assert.Equal(SessionManager.ForcedDisconnect, run.Fields[EventFields.DisconnectCause]);
        Assert.Equal(Usage.FromSeconds(5), run.TotalUsage);
        Assert.Equal(0m, h.Rater.Balance);
    }

    [Fact]
    public async Task MinDurLowBalance_LastGrantBelowThreshold_AgentWarnedOnce()
    {
        var h = new SessionHarness(balance: 0.25m, pricePerSecond: 0.01m, options: new SessionOptions { MinDurLowBalance = Usage.FromSeconds(6) });
        var call = SessionHarness.Call("cgr3", Meta.Prepaid) with { DebitInterval = Usage.FromSeconds(10) };

        await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);
        await h.AdvanceWhenArmedAsync(s_interval, () => h.Rater.CallCount("MaxDebit") == 1);
        var afterFullGrants = h.Disconnector.LowBalanceWarnings;
        await h.AdvanceWhenArmedAsync(s_interval, () => h.Rater.CallCount("MaxDebit") == 2);
        await SessionHarness.EventuallyAsync(() => h.Rater.CallCount("MaxDebit") == 3 && h.Disconnector.LowBalanceWarnings == 1);

        Assert.Equal(0, afterFullGrants);
    }
}
