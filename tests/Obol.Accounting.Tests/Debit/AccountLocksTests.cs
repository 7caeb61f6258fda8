using Xunit;

namespace Obol.Accounting.Tests.Debit;

public class AccountLocksTests
{
    [Fact]
    public async Task AcquireAsync_SameAccount_SecondWaitsForFirst()
    {
        var locks = new InProcessAccountLocks();
        var first = await locks.AcquireAsync("cgrates.org:1001");
        var second = locks.AcquireAsync("cgrates.org:1001").AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await (await second).DisposeAsync();
    }

    [Fact]
    public async Task AcquireAsync_DifferentAccounts_DoNotWait()
    {
        var locks = new InProcessAccountLocks();
        var a = await locks.AcquireAsync("cgrates.org:1001");
        var b = locks.AcquireAsync("cgrates.org:1002").AsTask();
        Assert.True(b.IsCompletedSuccessfully);
        await a.DisposeAsync();
        await (await b).DisposeAsync();
    }

    [Fact]
    public async Task AcquireAsync_ManyTasksIncrementingShared_NeverOverlap()
    {
        var locks = new InProcessAccountLocks();
        var inside = 0;
        var maxInside = 0;
        var ids = new[] { "a", "b", "c" };
        var counts = new int[ids.Length];
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var k = i % ids.Length;
            await using var held = await locks.AcquireAsync(ids[k]);
            if (k == 0)
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                await Task.Yield();
                Interlocked.Decrement(ref inside);
            }
            counts[k]++;
        })));
        Assert.Equal(1, maxInside);
        Assert.Equal([100, 100, 100], counts);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_DoesNotLeakTheLock()
    {
        var locks = new InProcessAccountLocks();
        var held = await locks.AcquireAsync("x");
        using var cts = new CancellationTokenSource(20);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await locks.AcquireAsync("x", cts.Token));
        await held.DisposeAsync();
        var again = locks.AcquireAsync("x").AsTask();
        Assert.True(again.IsCompletedSuccessfully);
        await (await again).DisposeAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
