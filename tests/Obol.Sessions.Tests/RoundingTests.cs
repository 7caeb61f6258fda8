using Obol.Events;
using Obol.Primitives;
using Obol.Rating;
using Xunit;

namespace Obol.Sessions.Tests;

public sealed class RoundingTests
{
    [Fact]
    public async Task Terminate_rounds_each_monetary_span_and_charges_the_correction_through_refund_rounding()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.001m);
        var slot = new RateSlot(Usage.Zero, 0.06m, Usage.FromSeconds(1), Usage.FromMinutes(1));
        h.Rater.Rate = new RateInterval(Timing.Any, new RateTable("RT_1", 0m, RoundingMethod.Up, 2, 0m, "", [slot]), 10m);
        var call = SessionHarness.Call("cgr1", Meta.Prepaid) with { Usage = Usage.FromSeconds(93) };
        var ct = TestContext.Current.CancellationToken;

        await h.Manager.InitiateAsync(call, ct);
        Assert.Equal(10m - 0.093m, h.Rater.Balance);
        Assert.Null(await h.Manager.TerminateAsync(call, ct));

        Assert.Equal(9.90m, h.Rater.Balance);
        Assert.Equal(["MaxDebit", "RefundRounding"], h.Rater.Calls);
        var run = h.Manager.GetClosed("cgr1")!.Runs[0];
        Assert.Equal(0.10m, run.Fields[EventFields.Cost]);
        Assert.Equal(0.007m, run.CallCost!.Timespans[0].RoundIncrement!.Value.Cost);
    }

    [Fact]
    public async Task Terminate_DebitedInChunks_MergedIntoOneSpanRoundedOnce()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.00167m);
        var slot = new RateSlot(Usage.Zero, 0.1m, Usage.FromSeconds(1), Usage.FromMinutes(1));
        h.Rater.Rate = new RateInterval(Timing.Any, new RateTable("RT_1", 0m, RoundingMethod.Up, 4, 0m, "", [slot]), 10m);
        var chunk = SessionHarness.Call("cgr1", Meta.Prepaid) with { Usage = Usage.FromSeconds(5) };
        var ct = TestContext.Current.CancellationToken;

        await h.Manager.InitiateAsync(chunk, ct);
        for (var i = 0; i < 6; i++)
        {
            await h.Manager.UpdateAsync(chunk, ct);
        }
        Assert.Null(await h.Manager.TerminateAsync(chunk with { Usage = Usage.FromSeconds(33) }, ct));

        var run = h.Manager.GetClosed("cgr1")!.Runs[0];
        Assert.Single(run.CallCost!.Timespans);
        Assert.Equal(0.0552m, run.Fields[EventFields.Cost]);
        Assert.Equal(10m - 0.0552m, h.Rater.Balance);
    }
}
