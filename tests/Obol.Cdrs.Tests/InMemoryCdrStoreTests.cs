using Obol.Primitives;
using Xunit;

namespace Obol.Cdrs.Tests;

public class InMemoryCdrStoreTests
{
    private static Cdr Cdr(string cgrid, string runId, decimal cost = 1) =>
        new() { Cgrid = cgrid, RunId = runId, Account = "1001", Cost = cost, Tenant = "cgrates.org" };

    [Fact]
    public async Task PutAsync_Duplicate_RefusedWithExists()
    {
        var store = new InMemoryCdrStore();
        var first = await store.PutAsync(Cdr("c1", "*default"), allowUpdate: false);
        var second = await store.PutAsync(Cdr("c1", "*default", 5), allowUpdate: false);

        Assert.Equal(new CdrWriteResult(CdrWriteOutcome.Inserted, 1), first);
        Assert.Equal(CdrWriteOutcome.Duplicate, second.Outcome);
        Assert.Equal(ErrorCodes.Exists, second.Error);
        Assert.Equal(1m, (await store.GetAsync(CdrQuery.All)).Single().Cost);
    }

    [Fact]
    public async Task PutAsync_DuplicateAllowUpdate_ReplacesKeepingOrderId()
    {
        var store = new InMemoryCdrStore();
        await store.PutAsync(Cdr("c1", "*default"), false);
        await store.PutAsync(Cdr("c2", "*default"), false);
        var updated = await store.PutAsync(Cdr("c1", "*default", 7), allowUpdate: true);

        Assert.Equal(new CdrWriteResult(CdrWriteOutcome.Updated, 1), updated);
        var stored = await store.GetAsync(new CdrQuery { Cgrids = ["c1"] });
        Assert.Equal((1L, 7m), (stored.Single().OrderId, stored.Single().Cost));
    }

    [Fact]
    public async Task PutAsync_SameCgridOtherRun_BothStoredWithIncreasingOrderIds()
    {
        var store = new InMemoryCdrStore();
        await store.PutAsync(Cdr("c1", "*default"), false);
        await store.PutAsync(Cdr("c1", "*raw"), false);

        var all = await store.GetAsync(CdrQuery.All);
        Assert.Equal([1L, 2L], all.Select(c => c.OrderId));
        Assert.Equal(1, await store.CountAsync(new CdrQuery { RunIds = ["*raw"] }));
    }

    [Fact]
    public async Task RemoveAsync_Query_RemovesOnlyMatches()
    {
        var store = new InMemoryCdrStore();
        await store.PutAsync(Cdr("c1", "*default"), false);
        await store.PutAsync(Cdr("c1", "*raw", -1), false);

        Assert.Equal(1, await store.RemoveAsync(new CdrQuery { MaxCost = -1 }));
        Assert.Equal(["*default"], (await store.GetAsync(CdrQuery.All)).Select(c => c.RunId));
    }

    [Fact]
    public async Task GetAsync_ReturnedCdr_IsACopy()
    {
        var store = new InMemoryCdrStore();
        var cdr = Cdr("c1", "*default");
        await store.PutAsync(cdr, false);
        cdr.Cost = 99;
        (await store.GetAsync(CdrQuery.All))[0].ExtraFields["x"] = "y";

        var stored = (await store.GetAsync(CdrQuery.All)).Single();
        Assert.Equal(1m, stored.Cost);
        Assert.Empty(stored.ExtraFields);
        Assert.Equal(0, cdr.OrderId);
    }
}
