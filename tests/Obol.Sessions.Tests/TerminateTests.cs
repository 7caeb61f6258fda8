using Obol.Events;
using Obol.Primitives;
using Xunit;

namespace Obol.Sessions.Tests;

public sealed class TerminateTests
{
    [Fact]
    public async Task Terminate_retried_three_times_charges_once()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr1", Meta.Prepaid) with { Usage = Usage.FromSeconds(60) };
        var ct = TestContext.Current.CancellationToken;

        var (granted, error) = await h.Manager.InitiateAsync(call, ct);
        Assert.Null(error);
        Assert.Equal(Usage.FromSeconds(60), granted);
        Assert.Equal(9.40m, h.Rater.Balance);

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(30) }, ct));
        }

        Assert.Equal(9.70m, h.Rater.Balance);
        Assert.Equal(["MaxDebit", "RefundIncrements"], h.Rater.Calls);
    }

    [Fact]
    public async Task ReleaseClosed_AfterItsCdrs_OnlyTheCgridStaysAndRetriedTerminatesChargeNothing()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr7", Meta.Prepaid) with { Usage = Usage.FromSeconds(60) };
        var ct = TestContext.Current.CancellationToken;
        await h.Manager.InitiateAsync(call, ct);
        Assert.Null(await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(30) }, ct));

        h.Manager.ReleaseClosed(h.Manager.GetClosed("cgr7")!);

        Assert.Null(h.Manager.GetClosed("cgr7"));
        Assert.True(h.Manager.IsClosed("cgr7"));
        Assert.Null(await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(45) }, ct));
        Assert.Equal(9.70m, h.Rater.Balance);
        Assert.Equal(["MaxDebit", "RefundIncrements"], h.Rater.Calls);
    }

    [Fact]
    public async Task Concurrent_terminates_of_a_looping_session_charge_once()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr6", Meta.Prepaid) with { DebitInterval = Usage.FromSeconds(10) };
        var ct = TestContext.Current.CancellationToken;

        await h.Manager.InitiateAsync(call, ct);
        await h.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(4), () => h.Rater.CallCount("MaxDebit") == 1);
        var terminate = call with { Usage = Usage.FromSeconds(4) };
        var replies = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => h.Manager.TerminateAsync(terminate, ct), ct)));

        Assert.All(replies, Assert.Null);
        Assert.Equal(9.96m, h.Rater.Balance);
        Assert.Equal(["MaxDebit", "RefundIncrements"], h.Rater.Calls);
        Assert.Equal(0, h.Clock.PendingTimers);
    }

    [Fact]
    public async Task Terminate_past_the_debited_usage_debits_the_rest()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr2", Meta.Prepaid) with { Usage = Usage.FromSeconds(30) };
        var ct = TestContext.Current.CancellationToken;

        await h.Manager.InitiateAsync(call, ct);
        Assert.Null(await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(45) }, ct));

        Assert.Equal(10m - 0.45m, h.Rater.Balance);
        Assert.Equal(["MaxDebit", "Debit"], h.Rater.Calls);
        Assert.Equal(0.45m, h.Manager.GetClosed("cgr2")!.Runs[0].Fields[EventFields.Cost]);
    }

    [Fact]
    public async Task Terminate_of_an_unknown_session_charges_it_as_a_message()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr3", Meta.Prepaid) with { Usage = Usage.FromSeconds(20) };
        var ct = TestContext.Current.CancellationToken;

        Assert.Null(await h.Manager.TerminateAsync(call, ct));
        Assert.Null(await h.Manager.TerminateAsync(call, ct));

        Assert.Equal(9.80m, h.Rater.Balance);
        Assert.Null(h.Manager.GetActive("cgr3"));
    }

    [Fact]
    public async Task Terminate_reads_the_usage_from_the_event_when_the_request_has_none()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr7", Meta.Prepaid) with { Usage = Usage.FromSeconds(30) };
        var ct = TestContext.Current.CancellationToken;
        await h.Manager.InitiateAsync(call, ct);

        var hangup = SessionHarness.Call("cgr7", Meta.Prepaid);
        hangup.Runs[0].Event.Event[EventFields.Usage] = "12s";
        Assert.Null(await h.Manager.TerminateAsync(hangup, ct));

        Assert.Equal(9.88m, h.Rater.Balance);
    }

    [Fact]
    public async Task Initiate_of_an_active_cgrid_answers_exists()
    {
        var h = new SessionHarness();
        var call = SessionHarness.Call("cgr4", Meta.Prepaid) with { Usage = Usage.FromSeconds(10) };
        var ct = TestContext.Current.CancellationToken;

        await h.Manager.InitiateAsync(call, ct);
        var (_, error) = await h.Manager.InitiateAsync(call, ct);

        Assert.Equal(ErrorCodes.Exists, error);
        Assert.Equal(1, h.Rater.CallCount("MaxDebit"));
    }

    [Fact]
    public async Task Update_serves_from_reserve_after_last_used_correction()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr5", Meta.Prepaid) with { Usage = Usage.FromMinutes(2) };
        var ct = TestContext.Current.CancellationToken;

        await h.Manager.InitiateAsync(call, ct);
        var (granted, error) = await h.Manager.UpdateAsync(call with { LastUsed = Usage.FromSeconds(90) }, ct);

        Assert.Null(error);
        Assert.Equal(Usage.FromMinutes(2), granted);
        Assert.Equal([Usage.FromMinutes(2), Usage.FromSeconds(90)], h.Rater.MaxDebitRequests);
        var run = h.Manager.GetActive("cgr5")!.Runs[0];
        Assert.Equal(Usage.FromSeconds(210), run.TotalUsage);

        Assert.Null(await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(60) }, ct));
        Assert.Equal(9.40m, h.Rater.Balance);
    }
}
