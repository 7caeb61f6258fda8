using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Cdrs.Tests;

public class CdrQueryTests
{
    private static readonly Instant s_now = Instant.FromUtc(2024, 1, 1, 0, 0);

    private static CdrQuery Parse(string json)
    {
        Assert.True(CdrQuery.TryParse(json, DateTimeZone.Utc, s_now, out var query, out var error), error);
        return query;
    }

    private static Cdr Cdr(string account, string destination, decimal cost, int usageSeconds, int answerHour, long orderId = 0) => new()
    {
        Cgrid = account + destination, RunId = "*default", Account = account, Destination = destination, Cost = cost,
        Usage = Usage.FromSeconds(usageSeconds), AnswerTime = Instant.FromUtc(2014, 8, 4, answerHour, 0), OrderId = orderId,
        Tenant = "cgrates.org",
    };

    [Fact]
    public void TryParse_ApiArgumentNames_AllMapped()
    {
        var query = Parse("""
            {"CGRIDs":["c"],"NotRunIDs":["*raw"],"Accounts":["1001"],"DestinationPrefixes":["10"],"Costs":[0.5],
             "ExtraFields":{"k":"v"},"AnswerTimeStart":"2014-08-04T13:00:00Z","AnswerTimeEnd":"2014-08-04 14:00:00",
             "MinUsage":"1m","MaxUsage":"120000000000","OrderBy":"Cost;desc","Limit":10,"Offset":2,
             "ExtraArgs":{"OrderIDStart":1,"OrderIDEnd":"9","MinCost":0,"MaxCost":"-1"},"Tenant":"x","APIOpts":{}}
            """);
        Assert.Equal(["c"], query.Cgrids);
        Assert.Equal(["*raw"], query.NotRunIds);
        Assert.Equal([0.5m], query.Costs);
        Assert.Equal("v", query.ExtraFields["k"]);
        Assert.Equal(Instant.FromUtc(2014, 8, 4, 14, 0), query.AnswerTimeEnd);
        Assert.Equal(Usage.FromMinutes(1), query.MinUsage);
        Assert.Equal(Usage.FromMinutes(2), query.MaxUsage);
        Assert.Equal(new CdrOrder(CdrSortField.Cost, true), query.OrderBy);
        Assert.Equal((10, 2), (query.Limit, query.Offset));
        Assert.Equal((1L, 9L), (query.OrderIdStart, query.OrderIdEnd));
        Assert.Equal((0m, -1m), (query.MinCost, query.MaxCost));
    }

    [Theory]
    [InlineData("""{"AnswerTimeStart":"yesterday-ish"}""", "AnswerTimeStart: Unsupported time format")]
    [InlineData("""{"MinUsage":"long"}""", "MinUsage: time: invalid duration \"long\"")]
    [InlineData("""{"OrderBy":"Account"}""", "OrderBy: Invalid value : Account")]
    [InlineData("""{"CreatedAtStart":"2014-08-04T13:00:00Z"}""", "CreatedAtStart: not supported by this store (CDRs keep no creation/update time)")]
    public void TryParse_BadArgument_GoMessageWithName(string json, string expected)
    {
        Assert.False(CdrQuery.TryParse(json, DateTimeZone.Utc, s_now, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_Null_AllCdrs()
    {
        Assert.Same(CdrQuery.All, Parse("null"));
    }

    [Fact]
    public void Matches_DestinationPrefixesAndNot_PrefixSemantics()
    {
        var query = Parse("""{"DestinationPrefixes":["100","200"],"NotDestinationPrefixes":["1003"]}""");
        Assert.True(query.Matches(Cdr("a", "1002", 1, 1, 13)));
        Assert.True(query.Matches(Cdr("a", "2001", 1, 1, 13)));
        Assert.False(query.Matches(Cdr("a", "1003", 1, 1, 13)));
        Assert.False(query.Matches(Cdr("a", "3001", 1, 1, 13)));
    }

    [Fact]
    public void Matches_TimeAndUsageRanges_HalfOpen()
    {
        var query = Parse("""{"AnswerTimeStart":"2014-08-04T13:00:00Z","AnswerTimeEnd":"2014-08-04T15:00:00Z","MinUsage":"10s","MaxUsage":"60s"}""");
        Assert.True(query.Matches(Cdr("a", "1", 1, 10, 13)));
        Assert.False(query.Matches(Cdr("a", "1", 1, 10, 15)));
        Assert.False(query.Matches(Cdr("a", "1", 1, 60, 14)));
        Assert.False(query.Matches(Cdr("a", "1", 1, 9, 14)));
    }

    [Fact]
    public void Matches_MinCostZeroMaxCostMinusOne_SkipsUnratedAndErrored()
    {
        var query = Parse("""{"ExtraArgs":{"MinCost":0,"MaxCost":-1}}""");
        Assert.True(query.Matches(Cdr("a", "1", 0, 1, 13)));
        Assert.True(query.Matches(Cdr("a", "1", 99, 1, 13)));
        Assert.False(query.Matches(Cdr("a", "1", -1, 1, 13)));
    }

    [Fact]
    public void Matches_MaxCostMinusOneAlone_OnlyUnrated()
    {
        var query = Parse("""{"ExtraArgs":{"MaxCost":-1}}""");
        Assert.True(query.Matches(Cdr("a", "1", -1, 1, 13)));
        Assert.False(query.Matches(Cdr("a", "1", 0, 1, 13)));
    }

    [Fact]
    public void Matches_MinAndMaxCost_HalfOpen()
    {
        var query = Parse("""{"ExtraArgs":{"MinCost":1,"MaxCost":2}}""");
        Assert.True(query.Matches(Cdr("a", "1", 1, 1, 13)));
        Assert.False(query.Matches(Cdr("a", "1", 2, 1, 13)));
    }

    [Fact]
    public void Matches_ExtraFields_AnyMatchesAndNotExcludes()
    {
        var cdr = Cdr("a", "1", 1, 1, 13);
        cdr.ExtraFields["DisconnectCause"] = "NORMAL_CLEARING";
        Assert.True(Parse("""{"ExtraFields":{"DisconnectCause":"NORMAL_CLEARING","Other":"x"}}""").Matches(cdr));
        Assert.True(Parse("""{"ExtraFields":{"DisconnectCause":"*exists"}}""").Matches(cdr));
        Assert.False(Parse("""{"ExtraFields":{"Other":"*exists"}}""").Matches(cdr));
        Assert.False(Parse("""{"NotExtraFields":{"DisconnectCause":"*exists"}}""").Matches(cdr));
        Assert.True(Parse("""{"NotExtraFields":{"DisconnectCause":"BUSY","Other":"x"}}""").Matches(cdr));
    }

    [Fact]
    public void Select_OrderByUsageDescWithLimitOffset_PagesAfterSorting()
    {
        var cdrs = new[] { Cdr("a", "1", 1, 30, 13, 1), Cdr("b", "1", 1, 10, 13, 2), Cdr("c", "1", 1, 20, 13, 3), Cdr("d", "1", 1, 40, 13, 4) };
        var page = Parse("""{"OrderBy":"Usage;desc","Limit":2,"Offset":1}""").Select(cdrs);
        Assert.Equal(["a", "c"], page.Select(c => c.Account));
    }

    [Fact]
    public void Select_NoOrderBy_OrderIdOrder()
    {
        var cdrs = new[] { Cdr("b", "1", 1, 1, 13, 2), Cdr("a", "1", 1, 1, 13, 1) };
        Assert.Equal(["a", "b"], CdrQuery.All.Select(cdrs).Select(c => c.Account));
    }
}
