using NodaTime;
using Obol.Cdrs;
using Obol.Primitives;
using Xunit;

namespace Obol.Storage.Sqlite.Tests;

public class CdrStoreTests
{
    private static Cdr Cdr(string cgrid, string runId = "*default", decimal cost = 1, string destination = "1002", int usageSeconds = 60) => new()
    {
        Cgrid = cgrid, RunId = runId, OriginId = "o-" + cgrid, OriginHost = "10.0.2.15", Source = "FS", ToR = "*voice",
        RequestType = "*prepaid", Tenant = "cgrates.org", Category = "call", Account = "1001", Subject = "1001",
        Destination = destination, SetupTime = Instant.FromUtc(2014, 8, 4, 13, 0, 0),
        AnswerTime = Instant.FromUtc(2014, 8, 4, 13, 0, 7) + Duration.FromNanoseconds(123), Usage = Usage.FromSeconds(usageSeconds),
        ExtraFields = new(StringComparer.Ordinal) { ["DisconnectCause"] = "NORMAL_CLEARING" }, CostSource = "*sessions",
        Cost = cost, CostDetails = """{"CGRID":"x","Cost":0.7167}""",
    };

    [Fact]
    public async Task PutAsync_AcrossReopen_ReadsBackEveryField()
    {
        using var dir = new TempDirectory();
        var original = Cdr("c1", cost: 0.71670m);
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            Assert.Equal(new CdrWriteResult(CdrWriteOutcome.Inserted, 1), await store.Cdrs.PutAsync(original, allowUpdate: false));
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        var stored = (await reopened.Cdrs.GetAsync(CdrQuery.All)).Single();

        original.OrderId = 1;
        Assert.Equal(CdrJson.Serialize(original), CdrJson.Serialize(stored));
    }

    [Fact]
    public async Task PutAsync_NonAsciiAndEmptyText_ReadsBackTheSameCharacters()
    {
        using var dir = new TempDirectory();
        var original = Cdr("c\u00e9");
        original.Subject = "Z\u00fcrich \u260e \uD83D\uDE00";
        original.ExtraFields["Caller"] = "\u00c5sa \u4e2d\u6587";
        original.CostDetails = """{"CGRID":"\u00e9","Cost":1}""";
        original.OriginHost = "";
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            await store.Cdrs.PutAsync(original, allowUpdate: false);
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        var stored = (await reopened.Cdrs.GetAsync(new CdrQuery { Cgrids = ["c\u00e9"] })).Single();

        Assert.Equal(original.Subject, stored.Subject);
        Assert.Equal(original.ExtraFields["Caller"], stored.ExtraFields["Caller"]);
        Assert.Equal(original.CostDetails, stored.CostDetails);
        Assert.Equal("", stored.OriginHost);
    }

    [Fact]
    public async Task PutAsync_Duplicate_RefusedWithExistsAndKeepsFirst()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.Cdrs.PutAsync(Cdr("c1"), false);

        var second = await store.Cdrs.PutAsync(Cdr("c1", cost: 9), false);

        Assert.Equal(CdrWriteOutcome.Duplicate, second.Outcome);
        Assert.Equal("EXISTS", second.Error);
        Assert.Equal(1m, (await store.Cdrs.GetAsync(CdrQuery.All)).Single().Cost);
    }

    [Fact]
    public async Task PutAsync_AllowUpdate_ReplacesKeepingOrderId()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.Cdrs.PutAsync(Cdr("c1"), false);
        await store.Cdrs.PutAsync(Cdr("c2"), false);

        var updated = await store.Cdrs.PutAsync(Cdr("c1", cost: 9), allowUpdate: true);

        Assert.Equal(new CdrWriteResult(CdrWriteOutcome.Updated, 1), updated);
        var stored = (await store.Cdrs.GetAsync(new CdrQuery { Cgrids = ["c1"] })).Single();
        Assert.Equal((1L, 9m), (stored.OrderId, stored.Cost));
    }

    [Fact]
    public async Task OrderIds_AfterRemoveAndReopen_NeverReused()
    {
        using var dir = new TempDirectory();
        await using (var store = await SqliteStore.OpenAsync(dir.Path))
        {
            await store.Cdrs.PutAsync(Cdr("c1"), false);
            await store.Cdrs.PutAsync(Cdr("c2"), false);
            Assert.Equal(1, await store.Cdrs.RemoveAsync(new CdrQuery { Cgrids = ["c2"] }));
        }
        await using var reopened = await SqliteStore.OpenAsync(dir.Path);
        Assert.Equal(3, (await reopened.Cdrs.PutAsync(Cdr("c3"), false)).OrderId);
    }

    [Fact]
    public async Task GetAsync_SqlAndMemoryConditions_SameAnswerAsQueryMatches()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        var cdrs = new[]
        {
            Cdr("a", cost: 0.5m, destination: "1002", usageSeconds: 10), Cdr("b", cost: -1, destination: "1003", usageSeconds: 20),
            Cdr("c", cost: 2, destination: "2001", usageSeconds: 30), Cdr("d", "*raw", cost: 3, destination: "1002", usageSeconds: 40),
        };
        foreach (var cdr in cdrs)
        {
            await store.Cdrs.PutAsync(cdr, false);
        }
        CdrQuery[] queries =
        [
            new() { DestinationPrefixes = ["10"], NotRunIds = ["*raw"] },
            new() { MinUsage = Usage.FromSeconds(20), MaxUsage = Usage.FromSeconds(40), OrderBy = new CdrOrder(CdrSortField.Usage, true) },
            new() { MinCost = 0, MaxCost = -1, Limit = 2, Offset = 1 },
            new() { OrderBy = new CdrOrder(CdrSortField.Cost, true), Limit = 2 },
            new() { NotDestinationPrefixes = ["1002"], ExtraFields = new Dictionary<string, string> { ["DisconnectCause"] = "*exists" } },
            new() { OrderIdStart = 2, OrderIdEnd = 4, Accounts = ["1001"] },
        ];
        var all = await store.Cdrs.GetAsync(CdrQuery.All);
        foreach (var query in queries)
        {
            var expected = query.Select(all).Select(c => c.Cgrid + c.RunId).ToList();
            var got = (await store.Cdrs.GetAsync(query)).Select(c => c.Cgrid + c.RunId).ToList();
            Assert.Equal(expected, got);
            Assert.Equal(all.Count(query.Matches), await store.Cdrs.CountAsync(query));
        }
        Assert.Equal(["d*raw", "c*default"], (await store.Cdrs.GetAsync(queries[3])).Select(c => c.Cgrid + c.RunId));
    }

    [Fact]
    public async Task RemoveAsync_CostCondition_RemovesOnlyUnrated()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path);
        await store.Cdrs.PutAsync(Cdr("a"), false);
        await store.Cdrs.PutAsync(Cdr("b", cost: -1), false);

        Assert.Equal(1, await store.Cdrs.RemoveAsync(new CdrQuery { MaxCost = -1 }));
        Assert.Equal(0, await store.Cdrs.RemoveAsync(new CdrQuery { MaxCost = -1 }));
        Assert.Equal(["a"], (await store.Cdrs.GetAsync(CdrQuery.All)).Select(c => c.Cgrid));
    }
}
