using NodaTime;
using Xunit;

namespace Obol.Accounting.Tests.Debit;

/// <summary>One lock per account: parallel debits of one account serialise, and the result equals sequential debits.</summary>
public class ConcurrentDebitTests
{
    private static readonly Instant s_start = Instant.FromUtc(2014, 8, 4, 13, 0);

    private static async Task<decimal> BalanceAfterAsync(bool parallel)
    {
        var f = new DebitFixture("tutorial", 5);
        await f.SaveAsync(DebitFixture.Account("cgrates.org", "1001", (BalanceTypes.Monetary, DebitFixture.Money("test", 100))));
        Task Debit() => f.Service.DebitAsync(new DebitRequest(
            DebitFixture.Call("cgrates.org", "call", "1001", "1001", "1002", s_start, s_start + Duration.FromSeconds(85))));
        if (parallel)
        {
            var start = new TaskCompletionSource();
            var threads = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                await Debit();
            })).ToArray();
            start.SetResult();
            await Task.WhenAll(threads);
        }
        else
        {
            for (var i = 0; i < 50; i++)
            {
                await Debit();
            }
        }
        return (await f.GetAsync("cgrates.org:1001")).BalanceMap[BalanceTypes.Monetary].Single().Value;
    }

    [Fact]
    public async Task DebitAsync_FiftyParallelDebitsOfOneAccount_EqualFiftySequentialDebits()
    {
        var sequential = await BalanceAfterAsync(parallel: false);
        var parallel = await BalanceAfterAsync(parallel: true);
        // 50 × (0.4 + 0.2 + 25 × 0.00167) = 50 × 0.64175 taken from 100.
        Assert.Equal(100m - (50 * 0.64175m), sequential);
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public async Task DebitAsync_DifferentAccounts_RunIndependently()
    {
        var f = new DebitFixture("tutorial", 5);
        var ids = Enumerable.Range(0, 20).Select(i => $"acc{i}").ToArray();
        foreach (var id in ids)
        {
            await f.SaveAsync(DebitFixture.Account("cgrates.org", id, (BalanceTypes.Monetary, DebitFixture.Money("m", 10))));
        }
        await Task.WhenAll(ids.Select(id => Task.Run(() => f.Service.DebitAsync(new DebitRequest(
            DebitFixture.Call("cgrates.org", "call", "1001", id, "1002", s_start, s_start + Duration.FromSeconds(20)))))));
        foreach (var id in ids)
        {
            Assert.Equal(9.4m, (await f.GetAsync("cgrates.org:" + id)).BalanceMap[BalanceTypes.Monetary].Single().Value);
        }
    }
}
