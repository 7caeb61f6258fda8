using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.GetDataCost (console <c>datacost</c>): a <c>*data</c> usage rated without a destination.</summary>
public sealed class DataCostTests
{
    [Fact]
    public async Task GetDataCost_AnyDestinationRate_AnswersDataSpansOverTheUsage()
    {
        await using var engine = await SessionEngine.StartAsync();

        var cost = await engine.CallAsync("APIerSv1.GetDataCost",
            """{"Tenant":"cgrates.org","Category":"sms","Subject":"1001","AnswerTime":"2014-08-04T13:00:00Z","Usage":5}""");
        var unrated = await engine.Api.CallRawAsync("APIerSv1.GetDataCost",
            """{"Tenant":"cgrates.org","Category":"nosuch","Subject":"1001","AnswerTime":"2014-08-04T13:00:00Z","Usage":5}"""u8.ToArray());

        Assert.Equal(("*data", "RP_SMS"), (cost.GetProperty("ToR").GetString(), cost.GetProperty("DataSpans")[0].GetProperty("RatingPlanId").GetString()));
        var span = Assert.Single(cost.GetProperty("DataSpans").EnumerateArray());
        Assert.Equal((0L, 5L, 5L), (span.GetProperty("DataStart").GetInt64(), span.GetProperty("DataEnd").GetInt64(), span.GetProperty("DataIndex").GetInt64()));
        Assert.Equal(cost.GetProperty("Cost").GetDecimal(), span.GetProperty("Cost").GetDecimal());
        Assert.Equal(0.05m, cost.GetProperty("Cost").GetDecimal()); // RT_SMS: 0.01 a unit, five units
        Assert.StartsWith("SERVER_ERROR", unrated.Error, StringComparison.Ordinal);
    }
}
