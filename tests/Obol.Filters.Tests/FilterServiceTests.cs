using NodaTime;
using Obol.TariffPlans;
using Xunit;
using static Obol.Filters.Tests.TestEvents;

namespace Obol.Filters.Tests;

public sealed class FilterServiceTests
{
    private static readonly FilterEvent s_event = Call(("Account", "1001"), ("Destination", "1002"));

    private static TpFilter Tp(string id, TpActivationInterval? ai, params TpFilterRule[] rules) =>
        new(new SourceLocation("Filters.csv", 2), "cgrates.org", id, rules, ai);

    private static FilterService ServiceOf(params TpFilter[] filters) =>
        new(FilterTable.FromTp(filters, DateTimeZone.Utc, Now));

    [Fact]
    public void Pass_NoFilterIds_Passes() => Assert.True(ServiceOf().Pass("cgrates.org", [], s_event, Now).Passed);

    [Fact]
    public void Pass_UnknownFilterId_ReturnsNotFound()
    {
        var outcome = ServiceOf().Pass("cgrates.org", ["FLTR_X"], s_event, Now);

        Assert.False(outcome.Passed);
        Assert.Equal("NOT_FOUND:FLTR_X", outcome.Error);
    }

    [Fact]
    public void Pass_StoredAndInline_AllMustPass()
    {
        var service = ServiceOf(Tp("FLTR_1", null, new TpFilterRule("*string", "~*req.Account", ["1001", "1002"])));

        Assert.True(service.Pass("cgrates.org", ["FLTR_1", "*prefix:~*req.Destination:10"], s_event, Now).Passed);
        Assert.False(service.Pass("cgrates.org", ["FLTR_1", "*prefix:~*req.Destination:20"], s_event, Now).Passed);
        Assert.Equal("NOT_FOUND:FLTR_1", service.Pass("other.org", ["FLTR_1"], s_event, Now).Error);
    }

    [Fact]
    public void Pass_FilterOutsideActivationInterval_IsSkipped()
    {
        var service = ServiceOf(
            Tp("FLTR_OLD", new TpActivationInterval("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"),
                new TpFilterRule("*string", "~*req.Account", ["nobody"])),
            Tp("FLTR_NOW", new TpActivationInterval("2024-01-01T00:00:00Z", ""),
                new TpFilterRule("*string", "~*req.Account", ["1001"])));

        Assert.False(service.Pass("cgrates.org", ["FLTR_OLD"], s_event, Now).Passed);
        Assert.True(service.Pass("cgrates.org", ["FLTR_OLD", "FLTR_NOW"], s_event, Now).Passed);
        Assert.False(service.Pass("cgrates.org", ["FLTR_NOW"], s_event, Instant.FromUtc(2023, 12, 31, 0, 0)).Passed);
    }

    [Fact]
    public void FromTp_BadRules_ReportsEveryFilterWithLocation()
    {
        var error = Assert.Throws<FilterDefinitionException>(() => FilterTable.FromTp(
            [
                Tp("FLTR_A", null, new TpFilterRule("*regex", "~*req.Account", ["("])),
                Tp("FLTR_B", null, new TpFilterRule("*gt", "~*req.Usage", [])),
            ],
            DateTimeZone.Utc,
            Now));

        Assert.Contains("Filters.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("FLTR_A", error.Message, StringComparison.Ordinal);
        Assert.Contains("FLTR_B", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pass_StringOnIndexedField_DoesNotAllocate()
    {
        var service = ServiceOf(Tp("FLTR_1", null,
            new TpFilterRule("*string", "~*req.Account", ["1001"]),
            new TpFilterRule("*prefix", "~*req.Destination", ["10"])));
        string[] ids = ["FLTR_1"];
        Assert.True(service.Pass("cgrates.org", ids, s_event, Now).Passed);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            service.Pass("cgrates.org", ids, s_event, Now);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
