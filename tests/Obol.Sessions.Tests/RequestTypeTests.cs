using Obol.Events;
using Obol.Primitives;
using Xunit;

namespace Obol.Sessions.Tests;

public sealed class RequestTypeTests
{
    [Theory]
    [InlineData(Meta.Postpaid)]
    [InlineData(Meta.Rated)]
    [InlineData(Meta.None)]
    public async Task Non_prepaid_runs_never_touch_the_rater(string requestType)
    {
        var h = new SessionHarness(balance: 10m);
        var call = SessionHarness.Call("cgr1", requestType) with { DebitInterval = Usage.FromSeconds(10) };
        var ct = TestContext.Current.CancellationToken;

        var (authorized, _) = await h.Manager.AuthorizeAsync(call, ct);
        var (initiated, error) = await h.Manager.InitiateAsync(call, ct);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(30) }, ct));

        Assert.Null(error);
        Assert.Equal(Usage.FromHours(3), authorized);
        Assert.Equal(Usage.FromHours(3), initiated);
        Assert.Empty(h.Rater.Calls);
        Assert.Equal(10m, h.Rater.Balance);
        var ev = h.Manager.GetClosed("cgr1")!.Runs[0].Fields;
        Assert.Equal(Usage.FromSeconds(30), ev[EventFields.Usage]);
        Assert.False(ev.ContainsKey(EventFields.Cost));
    }

    [Fact]
    public async Task Authorize_takes_the_least_max_usage_over_runs()
    {
        var h = new SessionHarness(balance: 0.5m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr2", Meta.Postpaid, Meta.Prepaid);

        var (maxUsage, error) = await h.Manager.AuthorizeAsync(call, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal(Usage.FromSeconds(50), maxUsage);
        Assert.Equal(["GetMaxSessionTime"], h.Rater.Calls);
    }

    [Fact]
    public async Task Authorize_pseudoprepaid_asks_the_rater_and_caps_at_the_requested_usage()
    {
        var h = new SessionHarness(balance: 10m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr3", Meta.PseudoPrepaid) with { Usage = Usage.FromSeconds(90) };

        var (maxUsage, _) = await h.Manager.AuthorizeAsync(call, TestContext.Current.CancellationToken);

        Assert.Equal(Usage.FromSeconds(90), maxUsage);
        Assert.Equal(1, h.Rater.CallCount("GetMaxSessionTime"));
    }

    [Fact]
    public async Task Initiate_pseudoprepaid_grants_what_the_account_can_pay_without_debiting()
    {
        var h = new SessionHarness(balance: 0.5m, pricePerSecond: 0.01m);
        var call = SessionHarness.Call("cgr4", Meta.PseudoPrepaid) with { Usage = Usage.FromSeconds(90) };

        var (maxUsage, error) = await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal(Usage.FromSeconds(50), maxUsage);
        Assert.Equal(["GetMaxSessionTime"], h.Rater.Calls);
        Assert.Equal(0.5m, h.Rater.Balance);
    }
}
