using System.Diagnostics;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>SessionSv1.Sleep and CapsError, which CGRateS's integration suites call.</summary>
public sealed class SessionTestAidTests
{
    [Fact]
    public async Task Sleep_Duration_RepliesOnlyAfterIt()
    {
        await using var engine = await SessionEngine.StartAsync();

        var watch = Stopwatch.StartNew();
        var reply = await engine.CallAsync("SessionSv1.Sleep", """{"Duration":"300ms"}""");
        var elapsed = watch.Elapsed;
        var caps = await engine.Api.CallRawAsync("SessionSv1.CapsError", "{}"u8.ToArray());

        Assert.Equal("OK", reply.GetString());
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(300), $"replied after {elapsed.TotalMilliseconds} ms");
        Assert.Equal("max concurrent rpc exceeded", caps.Error);
    }
}
