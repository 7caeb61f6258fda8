using System.Diagnostics;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>The engine cutting prepaid calls through the agent: MaxCost reached, and an account disabled mid-call.</summary>
public sealed class SessionDisconnectTests
{
    [Fact]
    public async Task DebitLoop_1001To1003MaxCostDisconnect_CutAt12sAndChargedTheMaxCost()
    {
        await using var engine = await SessionEngine.StartAsync();
        var sw = engine.Switch;

        var auth = await sw.AuthorizeAsync("mc", "1001", "1003", "*prepaid");
        var clock = Stopwatch.StartNew();
        await sw.InitiateAsync("mc", "1001", "1003", "*prepaid");
        var cause = await sw.Disconnect("mc").Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var cutAfter = clock.Elapsed;
        Assert.Equal("OK", (await sw.TerminateRawAsync("mc", "1001", "1003", "*prepaid", "12s")).ResultString());
        Assert.Equal("OK", (await sw.ProcessCdrRawAsync("mc", "1001", "1003", "*prepaid", "12s")).ResultString());

        Assert.Equal(12_000_000_000, auth.GetProperty("MaxUsage").GetInt64());
        Assert.Equal("INSUFFICIENT_CREDIT", cause);
        Assert.InRange(cutAfter.TotalSeconds, 11, 13);
        Assert.Equal(10m - 0.12m, await engine.MonetaryAsync("1001"));
    }

    [Fact]
    public async Task DebitLoop_BalanceSet101DuringCall_AccountDisabledAndCallCutAtNextDebit()
    {
        await using var engine = await SessionEngine.StartAsync();
        var sw = engine.Switch;
        await sw.InitiateAsync("fraud", "1001", "1003", "*prepaid", debitInterval: "2s");

        await engine.CallAsync("APIerSv1.SetBalance", """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":101,"Balance":{"ID":"test"}}""");
        var cause = await sw.Disconnect("fraud").Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal("SERVER_ERROR", cause);
        var account = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        Assert.True(account.GetProperty("Disabled").GetBoolean());
    }
}
