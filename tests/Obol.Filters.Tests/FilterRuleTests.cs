using NodaTime;
using Obol.Primitives;
using Xunit;
using static Obol.Filters.Tests.TestEvents;

namespace Obol.Filters.Tests;

public sealed class FilterRuleTests
{
    private static readonly FilterEvent s_event = Call(
        ("Account", "1001"),
        ("Destination", "+4986517174963"),
        ("Usage", new Usage(90_000_000_000)),
        ("Cost", 12.5),
        ("Count", 7L),
        ("AnswerTime", Instant.FromUtc(2024, 5, 31, 10, 0)),
        ("Empty", ""),
        ("Ip", "192.168.1.17"),
        ("Nested", new Dictionary<string, object?> { ["Inner"] = "deep", ["List"] = new List<object?> { "a", "b" } }),
        ("Flag", true));

    [Theory]
    [InlineData("*string:~*req.Account:1001", true)]
    [InlineData("*string:~*req.Account:1002|1001", true)]
    [InlineData("*string:~*req.Account:1002", false)]
    [InlineData("*string:~*req.Missing:1001", false)]
    [InlineData("*notstring:~*req.Account:1001", false)]
    [InlineData("*notstring:~*req.Account:1002", true)]
    [InlineData("*notstring:~*req.Missing:1001", true)]
    [InlineData("*string:~*req.Nested.Inner:deep", true)]
    [InlineData("*string:~*req.Nested.List[1]:b", true)]
    [InlineData("*string:~*opts.*context:*sessions", true)]
    [InlineData("*string:~*req.Flag:true", true)]
    [InlineData("*string:~*req.Usage:1m30s", true)]
    [InlineData("*string:1001:~*req.Account", true)]
    [InlineData("*contains:~*req.Destination:4986", true)]
    [InlineData("*notcontains:~*req.Destination:4986", false)]
    [InlineData("*prefix:~*req.Destination:+49|+33", true)]
    [InlineData("*prefix:~*req.Destination:+33", false)]
    [InlineData("*notprefix:~*req.Destination:+33", true)]
    [InlineData("*notprefix:~*req.Destination:+49", false)]
    [InlineData("*suffix:~*req.Destination:963", true)]
    [InlineData("*suffix:~*req.Destination:964", false)]
    [InlineData("*notsuffix:~*req.Destination:964", true)]
    [InlineData("*exists:~*req.Account:", true)]
    [InlineData("*exists:~*req.Missing:", false)]
    [InlineData("*notexists:~*req.Missing:", true)]
    [InlineData("*notexists:~*req.Account:", false)]
    [InlineData("*empty:~*req.Empty:", true)]
    [InlineData("*empty:~*req.Missing:", true)]
    [InlineData("*empty:~*req.Account:", false)]
    [InlineData("*notempty:~*req.Account:", true)]
    [InlineData("*notempty:~*req.Empty:", false)]
    [InlineData("*gt:~*req.Usage:1m", true)]
    [InlineData("*gt:~*req.Usage:1m30s", false)]
    [InlineData("*gte:~*req.Usage:1m30s", true)]
    [InlineData("*lt:~*req.Usage:2m", true)]
    [InlineData("*lt:~*req.Usage:1m30s", false)]
    [InlineData("*lte:~*req.Usage:1m30s", true)]
    [InlineData("*gt:~*req.Cost:12", true)]
    [InlineData("*lt:~*req.Cost:12.4", false)]
    [InlineData("*gte:~*req.Count:7", true)]
    [InlineData("*gt:~*req.Count:~*req.Cost", false)]
    [InlineData("*gt:~*req.AnswerTime:2024-05-31T09:59:59Z", true)]
    [InlineData("*lt:~*req.AnswerTime:2024-05-31T09:59:59Z", false)]
    [InlineData("*gt:~*req.Missing:1", false)]
    [InlineData("*eq:~*req.Count:7", true)]
    [InlineData("*eq:~*req.Count:7.0", true)]
    [InlineData("*noteq:~*req.Count:7", false)]
    [InlineData("*regex:~*req.Account:^10\\d\\d$", true)]
    [InlineData("*regex:~*req.Account:^2", false)]
    [InlineData("*notregex:~*req.Account:^2", true)]
    [InlineData("*ipnet:~*req.Ip:192.168.1.0/24", true)]
    [InlineData("*ipnet:~*req.Ip:192.168.1.1/24", true)]
    [InlineData("*ipnet:~*req.Ip:10.0.0.0/8", false)]
    [InlineData("*notipnet:~*req.Ip:10.0.0.0/8", true)]
    [InlineData("*ai:~*req.AnswerTime:2024-05-01T00:00:00Z|2024-06-01T00:00:00Z", true)]
    [InlineData("*ai:~*req.AnswerTime:2024-06-01T00:00:00Z", false)]
    [InlineData("*ai:~*req.AnswerTime:|2024-05-01T00:00:00Z", false)]
    [InlineData("*notai:~*req.AnswerTime:2024-06-01T00:00:00Z", true)]
    [InlineData("*rsr:~*req.Account:~^10", true)]
    [InlineData("*rsr:~*req.Account:^10", true)]
    [InlineData("*rsr:~*req.Account:01$", true)]
    [InlineData("*rsr:~*req.Account:^1001$", true)]
    [InlineData("*rsr:~*req.Account:>=1000", true)]
    [InlineData("*rsr:~*req.Account:!^10", false)]
    [InlineData("*rsr:~*req.Missing:^$", true)]
    [InlineData("*notrsr:~*req.Account:^20", true)]
    public void Pass_InlineRule_MatchesCgrates(string rule, bool expected)
    {
        var outcome = Inline(rule, s_event);

        Assert.Null(outcome.Error);
        Assert.Equal(expected, outcome.Passed);
    }

    [Fact]
    public void Pass_SearchReplaceElement_ComparesTheExpandedTemplate()
    {
        var filter = new Filter("cgrates.org", "FLTR_SR", [FilterRule.Create("*string", @"~*req.Destination:s/^\+49(\d+)$/0${1}/", ["086517174963"])]);
        var other = new Filter("cgrates.org", "FLTR_SR2", [FilterRule.Create("*string", @"~*req.Account:s/^(\d+)$/+$1/", ["+1001"])]);

        var outcome = Service(null, filter, other).Pass("cgrates.org", ["FLTR_SR", "FLTR_SR2"], s_event, Now);

        Assert.True(outcome.Passed);
    }

    [Theory]
    [InlineData("*gt:~*req.Account:abc")]
    [InlineData("*gt:~*req.Flag:false")]
    [InlineData("*gt:~*req.AnswerTime:5")]
    public void Pass_IncomparableValues_ReportsError(string rule)
    {
        var outcome = Inline(rule, s_event);

        Assert.False(outcome.Passed);
        Assert.NotNull(outcome.Error);
    }

    [Fact]
    public void Pass_ApiBan_ReportsNotImplemented()
    {
        var outcome = Inline("*apiban:~*req.Ip:*all", s_event);

        Assert.StartsWith(ErrorCodes.NotImplemented, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pass_AccountsProviderWithoutSource_ReportsError()
    {
        var outcome = Inline("*gte:~*accounts.1001.BalanceMap.*monetary[0].Value:10", s_event);

        Assert.Contains("*accounts", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pass_AccountsProviderWithSource_ReadsIt()
    {
        var env = new FilterEnvironment { DynamicData = new FixedDynamic() };

        Assert.True(Inline("*gte:~*accounts.1001.Balance:10", s_event, env).Passed);
        Assert.False(Inline("*gte:~*accounts.1001.Balance:100", s_event, env).Passed);
    }

    [Fact]
    public void Pass_Destinations_MatchesAnyPrefixOfAnyDestination()
    {
        var env = new FilterEnvironment { Destinations = new FixedDestinations() };

        Assert.True(Inline("*destinations:~*req.Destination:DST_FR|DST_DE", s_event, env).Passed);
        Assert.False(Inline("*destinations:~*req.Destination:DST_FR|DST_UNKNOWN", s_event, env).Passed);
        Assert.True(Inline("*notdestinations:~*req.Destination:DST_FR", s_event, env).Passed);
    }

    [Fact]
    public void Pass_Timings_AsksTheTimingSource()
    {
        var env = new FilterEnvironment { Timings = new FixedTimings() };

        Assert.True(Inline("*timings:~*req.AnswerTime:MORNING|EVENING", s_event, env).Passed);
        Assert.False(Inline("*timings:~*req.AnswerTime:EVENING", s_event, env).Passed);
        Assert.True(Inline("*nottimings:~*req.AnswerTime:EVENING", s_event, env).Passed);
    }

    private sealed class FixedDynamic : IDynamicDataSource
    {
        public bool TryGetField(string tenant, ReadOnlySpan<string> path, out object? value)
        {
            value = 42.5;
            return path.Length == 3 && path[1] == "1001" && path[2] == "Balance";
        }
    }

    private sealed class FixedDestinations : IDestinationSource
    {
        public IReadOnlyList<string>? FindPrefixes(string destinationId) => destinationId switch
        {
            "DST_FR" => ["+33"],
            "DST_DE" => ["+491", "+4986"],
            _ => null,
        };
    }

    private sealed class FixedTimings : ITimingSource
    {
        public IFilterTiming? FindTiming(string timingId) => timingId switch
        {
            "MORNING" => new Hours(6, 12),
            "EVENING" => new Hours(18, 24),
            _ => null,
        };

        private sealed class Hours(int from, int to) : IFilterTiming
        {
            public bool IsActiveAt(Instant instant, DateTimeZone zone) => instant.InZone(zone).Hour is var h && h >= from && h < to;
        }
    }
}
