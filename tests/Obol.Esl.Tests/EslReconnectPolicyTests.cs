using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslReconnectPolicyTests
{
    [Fact]
    public void TryGetDelay_Defaults_FollowsFibonacciSecondsForFiveAttempts()
    {
        var policy = new EslReconnectPolicy();

        var delays = Enumerable.Range(1, 5).Select(a => policy.TryGetDelay(a, out var d) ? d.TotalSeconds : -1);

        Assert.Equal([1, 1, 2, 3, 5], delays);
        Assert.False(policy.TryGetDelay(6, out _));
    }

    [Fact]
    public void TryGetDelay_MaxDelay_CapsTheWait()
    {
        var policy = new EslReconnectPolicy(maxAttempts: -1, unit: TimeSpan.FromMilliseconds(100), maxDelay: TimeSpan.FromSeconds(1));

        Assert.True(policy.TryGetDelay(6, out var sixth));
        Assert.True(policy.TryGetDelay(7, out var seventh));
        Assert.True(policy.TryGetDelay(int.MaxValue, out var last));

        Assert.Equal(TimeSpan.FromMilliseconds(800), sixth);
        Assert.Equal(TimeSpan.FromSeconds(1), seventh);
        Assert.Equal(TimeSpan.FromSeconds(1), last);
    }

    [Fact]
    public void TryGetDelay_UncappedForever_StopsAtTheLongestTaskDelay()
    {
        var policy = new EslReconnectPolicy(maxAttempts: -1);

        Assert.True(policy.TryGetDelay(10_000, out var delay));

        Assert.Equal(EslReconnectPolicy.LongestDelay, delay);

    }
}
