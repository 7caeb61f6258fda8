using System.Text.Json;
using Xunit;

namespace Obol.Api.Tests;

public class ResponderServiceTests
{
    private static object Call(string destination, string start, string end, string account = "1001") => new
    {
        Category = "call",
        Tenant = "cgrates.org",
        Subject = account,
        Account = account,
        Destination = destination,
        TimeStart = start,
        TimeEnd = end,
    };

    [Fact]
    public async Task GetCost_TwentySecondsTo1002_AnswersCallCostWithConnectFee()
    {
        await using var api = await ApiCalls.StartAsync();
        var cc = await api.ResultAsync<JsonElement>("Responder.GetCost", Call("1002", "2014-08-04T13:00:00Z", "2014-08-04T13:00:20Z"));
        Assert.Equal(0.6m, cc.GetProperty("Cost").GetDecimal());
        var span = cc.GetProperty("Timespans")[0];
        Assert.Equal("2014-08-04T13:00:00Z", span.GetProperty("TimeStart").GetString());
        Assert.Equal("DST_1002", span.GetProperty("MatchedDestId").GetString());
        Assert.Equal(0.4m, span.GetProperty("RateInterval").GetProperty("Rating").GetProperty("ConnectFee").GetDecimal());
        // The first rate charges whole minutes: the span is stretched to its 60 s increment, as CGRateS rates it.
        Assert.Equal(60_000_000_000m, cc.GetProperty("RatedUsage").GetDecimal());
        // An account is not touched by a cost query.
        Assert.Equal(10m, await api.MonetaryAsync("1001"));
    }

    [Fact]
    public async Task Debit_TwentySeconds_TakesTheCostFromTheAccountAndSummarisesIt()
    {
        await using var api = await ApiCalls.StartAsync();
        var cc = await api.ResultAsync<JsonElement>("Responder.Debit", Call("1002", "2014-08-04T13:00:00Z", "2014-08-04T13:00:20Z"));
        Assert.Equal(0.6m, cc.GetProperty("Cost").GetDecimal());
        Assert.Equal(9.4m, await api.MonetaryAsync("1001"));
        var balance = cc.GetProperty("AccountSummary").GetProperty("BalanceSummaries").EnumerateArray()
            .Single(b => b.GetProperty("Type").GetString() == "*monetary");
        Assert.Equal((10m, 9.4m), (balance.GetProperty("Initial").GetDecimal(), balance.GetProperty("Value").GetDecimal()));
    }

    [Fact]
    public async Task RefundIncrements_DebitedIncrements_GivesTheirCostBack()
    {
        await using var api = await ApiCalls.StartAsync();
        var cc = await api.ResultAsync<JsonElement>("Responder.MaxDebit", Call("1002", "2014-08-04T13:00:00Z", "2014-08-04T13:02:00Z"));
        var after = await api.MonetaryAsync("1001");
        var increments = cc.GetProperty("Timespans").EnumerateArray().SelectMany(ts => ts.GetProperty("Increments").EnumerateArray()).ToList();
        var paid = increments.Where(i => i.GetProperty("BalanceInfo").ValueKind == JsonValueKind.Object
                && i.GetProperty("BalanceInfo").GetProperty("Monetary").ValueKind == JsonValueKind.Object)
            .Sum(i => i.GetProperty("Cost").GetDecimal() * i.GetProperty("CompressFactor").GetInt32());
        Assert.True(paid > 0);
        var account = await api.ResultAsync<JsonElement>("Responder.RefundIncrements", new
        {
            Tenant = "cgrates.org",
            Account = "1001",
            Subject = "1001",
            Destination = "1002",
            Category = "call",
            TimeStart = "2014-08-04T13:00:00Z",
            TimeEnd = "2014-08-04T13:02:00Z",
            Increments = increments,
        });
        Assert.Equal("cgrates.org:1001", account.GetProperty("ID").GetString());
        Assert.Equal(after + paid, await api.MonetaryAsync("1001"));
    }

    [Fact]
    public async Task GetMaxSessionTime_TenUnits_DebitOfThatLongLeavesLessThanOneIncrement()
    {
        await using var api = await ApiCalls.StartAsync();
        var max = await api.ResultAsync<long>("Responder.GetMaxSessionTime", Call("1002", "2014-08-04T13:00:00Z", "2014-08-04T16:00:00Z"));
        Assert.InRange(max, 60_000_000_000L, 3 * 3600_000_000_000L - 1);
        Assert.Equal(max, await api.ResultAsync<long>("APIerSv1.GetMaxUsage",
            new { Account = "1001", Destination = "1002", SetupTime = "2014-08-04T13:00:00Z", Usage = "3h" }));
        var end = DateTimeOffset.Parse("2014-08-04T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddTicks(max / 100);
        await api.ResultAsync<JsonElement>("Responder.Debit", Call("1002", "2014-08-04T13:00:00Z", end.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));
        // One more second (0.1/min in 1 s increments) would not have been covered.
        Assert.InRange(await api.MonetaryAsync("1001"), 0m, 0.00167m);
    }

    [Fact]
    public async Task Debit_UnknownAccount_AnswersAccountNotFound()
    {
        await using var api = await ApiCalls.StartAsync();
        Assert.Equal("ACCOUNT_NOT_FOUND", await api.ErrorAsync("Responder.Debit", Call("1002", "2014-08-04T13:00:00Z", "2014-08-04T13:00:20Z", "9999")));
    }
}
