using NodaTime;
using Obol.Cdrs;
using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>CDRsV1.ProcessExternalCDR (engine/cdrs.go V1ProcessExternalCDR): an ExternalCDR with string times and
/// usage becomes a CDR and goes the way CDRsV1.ProcessCDR sends one.</summary>
public sealed class ProcessExternalCdrTests
{
    private const string Prepaid = """
        {"OriginID":"ext1","OriginHost":"10.0.0.9","Source":"test","ToR":"*voice","RequestType":"*prepaid","Tenant":"cgrates.org",
         "Category":"call","Account":"1001","Subject":"1001","Destination":"1002","SetupTime":"2021-02-02T16:14:50Z",
         "AnswerTime":"2021-02-02 16:15:00","Usage":"2m","ExtraFields":{"Hangup":"NORMAL_CLEARING"},"ExtraInfo":"dropped",
         "APIOpts":{}}
        """;

    private static async Task<CdrHarness> StartAsync()
    {
        var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);
        return cdrs;
    }

    [Fact]
    public async Task ProcessExternalCdr_PrepaidCdr_StoredRatedAndCharged()
    {
        await using var cdrs = await StartAsync();

        Assert.Equal("OK", (await cdrs.ResultAsync("CDRsV1.ProcessExternalCDR", Prepaid)).GetString());

        var cdr = await cdrs.SingleCdrAsync("ext1");
        Assert.Equal(Cgrid.Compute("ext1", "10.0.0.9"), cdr.Cgrid);
        Assert.Equal("*default", cdr.RunId);
        Assert.Equal(Instant.FromUtc(2021, 2, 2, 16, 14, 50), cdr.SetupTime);
        Assert.Equal(Instant.FromUtc(2021, 2, 2, 16, 15, 0), cdr.AnswerTime);
        Assert.Equal(120_000_000_000, cdr.Usage.Nanoseconds);
        Assert.Equal("NORMAL_CLEARING", cdr.ExtraFields["Hangup"]);
        Assert.Equal("", cdr.ExtraInfo);
        Assert.Equal(0.4m, cdr.Cost);
        Assert.Equal("*cdrs", cdr.CostSource);
        Assert.Equal(9.6m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task ProcessExternalCdr_SameCdrTwice_AnswersExistsAndChargesOnce()
    {
        await using var cdrs = await StartAsync();
        await cdrs.ResultAsync("CDRsV1.ProcessExternalCDR", Prepaid);

        Assert.Equal("EXISTS", await cdrs.ErrorAsync("CDRsV1.ProcessExternalCDR", Prepaid));

        await cdrs.SingleCdrAsync("ext1");
        Assert.Equal(9.6m, await cdrs.BalanceAsync("1001"));
    }

    [Fact]
    public async Task ProcessExternalCdr_UsageInNanoseconds_ReadAsNanoseconds()
    {
        await using var cdrs = await StartAsync();

        await cdrs.ResultAsync("CDRsV2.ProcessExternalCDR", Prepaid.Replace("\"2m\"", "\"60000000000\"", StringComparison.Ordinal));

        var cdr = await cdrs.SingleCdrAsync("ext1");
        Assert.Equal(60_000_000_000, cdr.Usage.Nanoseconds);
        Assert.Equal(0.2m, cdr.Cost);
    }

    [Fact]
    public async Task ProcessExternalCdr_UsageAsNumber_RefusedWhileDecodingAsGoDoes()
    {
        await using var cdrs = await StartAsync();

        var error = await cdrs.ErrorAsync("CDRsV1.ProcessExternalCDR", Prepaid.Replace("\"2m\"", "120000000000", StringComparison.Ordinal));

        Assert.StartsWith("json: cannot unmarshal number into Go struct field", error, StringComparison.Ordinal);
        Assert.Empty(await cdrs.Store.GetAsync(CdrQuery.All));
    }

    [Fact]
    public async Task ProcessExternalCdr_BadAnswerTime_AnswersUnsupportedTimeFormat()
    {
        await using var cdrs = await StartAsync();

        Assert.Equal("Unsupported time format",
            await cdrs.ErrorAsync("CDRsV1.ProcessExternalCDR", Prepaid.Replace("2021-02-02 16:15:00", "yesterday", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ProcessExternalCdr_BadUsage_AnswersGoDurationError()
    {
        await using var cdrs = await StartAsync();

        Assert.Equal("time: invalid duration \"two\"",
            await cdrs.ErrorAsync("CDRsV1.ProcessExternalCDR", Prepaid.Replace("\"2m\"", "\"two\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ProcessExternalCdr_PreRated_KeepsTheGivenCostAndChargesNothing()
    {
        await using var cdrs = await StartAsync();

        await cdrs.ResultAsync("CDRsV1.ProcessExternalCDR", Prepaid.Replace("\"APIOpts\":{}", "\"PreRated\":true,\"Cost\":1.23", StringComparison.Ordinal));

        Assert.Equal(1.23m, (await cdrs.SingleCdrAsync("ext1")).Cost);
        Assert.Equal(10m, await cdrs.BalanceAsync("1001"));
    }
}
