using Xunit;

namespace Obol.Primitives.Tests;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Next_Uncapped_FollowsFibonacciInUnits()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.Zero);

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalSeconds);

        Assert.Equal([1, 1, 2, 3, 5, 8, 13, 21], delays);
    }

    [Fact]
    public void Next_Capped_StaysAtMaximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));

        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalMilliseconds);

        Assert.Equal([100, 100, 200, 300, 400, 400, 400], delays);
    }

    [Fact]
    public void Reset_AfterSeveralDelays_StartsOver()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Fact]
    public void Next_ManyCalls_SaturatesAtLongestTaskDelay()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromDays(1), TimeSpan.Zero);
        var last = TimeSpan.Zero;

        for (var i = 0; i < 200; i++)
        {
            last = backoff.Next();
        }

        Assert.Equal(ReconnectBackoff.LongestDelay, last);
    }
}
