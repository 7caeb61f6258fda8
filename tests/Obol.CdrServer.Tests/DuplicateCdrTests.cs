using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>A CDR posted again (a retried ProcessCDR) is refused with EXISTS and moves no money, whether the duplicate is
/// found before rating (a run that may debit) or by the store's unique key (SessionS's CDRs, whose cost comes with them).</summary>
public sealed class DuplicateCdrTests
{
    private const string SessionCdr = """
        {"OriginID":"sess1","OriginHost":"10.0.0.1","RequestType":"*prepaid","Account":"1001","Destination":"1002",
         "AnswerTime":"2021-02-02T16:15:00Z","Usage":120000000000,"Cost":0.4,"CostSource":"*sessions",
         "CostDetails":{"Usage":120000000000,"Cost":0.4,"Charges":[{"RatingID":"r","Increments":[{"Usage":60000000000,"Cost":0.2,"AccountingID":"","CompressFactor":2}],"CompressFactor":1}]}}
        """;

    private const string PostpaidCdr = """
        {"OriginID":"post1","OriginHost":"10.0.0.1","RequestType":"*postpaid","Account":"1001","Destination":"1002",
         "AnswerTime":"2021-02-02T16:15:00Z","Usage":120000000000}
        """;

    private static async Task<CdrHarness> StartAsync()
    {
        var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);
        return cdrs;
    }

    [Fact]
    public async Task ProcessCdr_SessionCostCoveringTheUsagePostedTwice_ExistsStoredOnceNothingCharged()
    {
        await using var cdrs = await StartAsync();
        Assert.Equal("OK", (await cdrs.ResultAsync("CDRsV1.ProcessCDR", SessionCdr)).GetString());

        Assert.Equal("EXISTS", await cdrs.ErrorAsync("CDRsV1.ProcessCDR", SessionCdr));

        Assert.Equal(0.4m, (await cdrs.SingleCdrAsync("sess1")).Cost);
        Assert.Equal(10m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task ProcessCdr_PostpaidPostedThreeTimes_ExistsAndChargedOnce()
    {
        await using var cdrs = await StartAsync();
        Assert.Equal("OK", (await cdrs.ResultAsync("CDRsV1.ProcessCDR", PostpaidCdr)).GetString());

        Assert.Equal("EXISTS", await cdrs.ErrorAsync("CDRsV1.ProcessCDR", PostpaidCdr));
        Assert.Equal("EXISTS", await cdrs.ErrorAsync("CDRsV1.ProcessCDR", PostpaidCdr));

        Assert.Equal(0.4m, (await cdrs.SingleCdrAsync("post1")).Cost);
        Assert.Equal(9.6m, await cdrs.BalanceAsync("1001"));
    }
}
