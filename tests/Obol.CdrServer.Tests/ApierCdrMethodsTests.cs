using System.Text.Json;
using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>The APIerSv1/APIerSv2 CDR methods and the CDRsV2 names CGRateS answers besides CDRsV1's.</summary>
public sealed class ApierCdrMethodsTests
{
    private static async Task<CdrHarness> TwoCallsAsync()
    {
        var cdrs = await CdrHarness.StartAsync(TestPlans.PerMinute(0.2m));
        await cdrs.SetMonetaryAsync("1001", 10);
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*postpaid", "call1", "2021-02-02T16:15:00Z", "2m"));
        Assert.Null(await cdrs.ProcessCallAsync("1001", "*postpaid", "call2", "2021-02-02T17:15:00Z", "1m"));
        return cdrs;
    }

    [Fact]
    public async Task GetEventCost_StoredCdr_AnswersItsCostDetails()
    {
        await using var cdrs = await TwoCallsAsync();
        var cgrId = (await cdrs.SingleCdrAsync("call1")).Cgrid;

        var cost = await cdrs.ResultAsync("APIerSv1.GetEventCost", $$"""{"CgrId":"{{cgrId}}"}""");

        Assert.Equal(cgrId, cost.GetProperty("CGRID").GetString());
        Assert.Equal(0.4m, cost.GetProperty("Cost").GetDecimal());
        Assert.Equal(JsonValueKind.Object, cost.GetProperty("Accounting").ValueKind);
    }

    [Fact]
    public async Task GetEventCost_NoCgrIdOrUnknownRun_MandatoryMissingOrNotFound()
    {
        await using var cdrs = await TwoCallsAsync();
        var cgrId = (await cdrs.SingleCdrAsync("call1")).Cgrid;

        Assert.Equal("MANDATORY_IE_MISSING: [CgrId]", await cdrs.ErrorAsync("APIerSv1.GetEventCost", """{"RunId":"*default"}"""));
        Assert.Equal("NOT_FOUND", await cdrs.ErrorAsync("APIerSv1.GetEventCost", $$"""{"CgrId":"{{cgrId}}","RunId":"other"}"""));
    }

    [Fact]
    public async Task GetCdrs_AttrGetCdrsFilter_SelectsByItsOldNamesAndAnswersEmptyListWhenNoneMatch()
    {
        await using var cdrs = await TwoCallsAsync();

        var late = await cdrs.ResultAsync("APIerSv1.GetCDRs",
            """{"Accounts":["1001"],"MediationRunIds":["*default"],"TimeStart":"2021-02-02T17:00:00Z","SkipErrors":true}""");
        var none = await cdrs.ResultAsync("APIerSv1.GetCDRs", """{"Accounts":["9999"]}""");

        Assert.Equal(["call2"], late.EnumerateArray().Select(c => c.GetProperty("OriginID").GetString()));
        Assert.Equal(JsonValueKind.String, late[0].GetProperty("CostDetails").ValueKind);
        Assert.Equal(0, none.GetArrayLength());
    }

    [Fact]
    public async Task CountCdrsAndCdrsV2Names_StoredCdrs_AnswerAsTheirCdrsV1Counterparts()
    {
        await using var cdrs = await TwoCallsAsync();

        Assert.Equal(2, (await cdrs.ResultAsync("APIerSv2.CountCDRs", "{}")).GetInt64());
        Assert.Equal(1, (await cdrs.ResultAsync("CDRsV2.GetCDRsCount", """{"OriginIDs":["call2"]}""")).GetInt64());
        var v2 = await cdrs.ResultAsync("CDRsV2.GetCDRs", """{"OriginIDs":["call1"]}""");
        Assert.Equal(JsonValueKind.Object, v2[0].GetProperty("CostDetails").ValueKind);
    }
}
