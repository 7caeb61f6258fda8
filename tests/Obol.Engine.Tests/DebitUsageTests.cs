using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.DebitUsage: a usage record rated and debited from the account.</summary>
public sealed class DebitUsageTests
{
    [Fact]
    public async Task DebitUsage_CallRecord_AccountDebitedTheTariffCost()
    {
        await using var engine = await SessionEngine.StartAsync();
        var before = await engine.MonetaryAsync("1001");

        var reply = await engine.CallAsync("APIerSv1.DebitUsage",
            """{"Tenant":"cgrates.org","Account":"1001","Destination":"1002","AnswerTime":"2026-01-05T10:00:05Z","Usage":"90s"}""");
        var withOptions = await engine.CallAsync("APIerSv1.DebitUsageWithOptions",
            """{"UsageRecord":{"Account":"1001","Destination":"1002","AnswerTime":"2026-01-05T10:00:05Z","Usage":"30s"},"AllowNegativeAccount":true}""");
        var missing = await engine.Api.CallRawAsync("APIerSv1.DebitUsage", """{"Account":"1001"}"""u8.ToArray());

        Assert.Equal(("OK", "OK"), (reply.GetString(), withOptions.GetString()));
        var expected = await engine.TariffCostAsync("1001", "1002", "90s") + await engine.TariffCostAsync("1001", "1002", "30s");
        Assert.Equal(before - expected, await engine.MonetaryAsync("1001"));
        Assert.Equal("MANDATORY_IE_MISSING: [Destination Usage]", missing.Error);
    }
}
