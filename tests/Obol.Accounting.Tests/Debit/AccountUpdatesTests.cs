using NodaTime;
using Obol.Primitives;
using Obol.Rating;
using Xunit;

namespace Obol.Accounting.Tests.Debit;

/// <summary>Account.Publish: a debit that moved balances publishes the account once saved, Initial its value before.</summary>
public sealed class AccountUpdatesTests
{
    [Fact]
    public async Task DebitAsync_MovesTheBalance_PublishesTheAccountWithItsValueBeforeAsInitial()
    {
        var (f, call, published) = await TwoMinuteCallOf1001Async();

        var (cost, error) = await f.Service.DebitAsync(new DebitRequest(call));

        Assert.Null(error);
        var summary = Assert.Single(published);
        var balance = Assert.Single(summary.BalanceSummaries!);
        Assert.Equal(("cgrates.org", "1001", "test", 10m, 10m - cost!.Cost), (summary.Tenant, summary.AccountID, balance.ID, balance.Initial, balance.Value));
        Assert.Equal(balance.Value, (await f.GetAsync("cgrates.org:1001")).BalanceMap[BalanceTypes.Monetary][0].Value);
    }

    [Fact]
    public async Task GetMaxUsageAndDryRunDebit_MoveNothing_PublishNothing()
    {
        var (f, call, published) = await TwoMinuteCallOf1001Async();

        await f.Service.GetMaxUsageAsync(new DebitRequest(call));
        await f.Service.DebitAsync(new DebitRequest(call) { DryRun = true });

        Assert.Empty(published);
    }

    [Fact]
    public async Task MaxDebitAsync_DisabledAccount_PublishesNothing()
    {
        var (f, call, published) = await TwoMinuteCallOf1001Async(disabled: true);

        var (_, error) = await f.Service.MaxDebitAsync(new DebitRequest(call));

        Assert.Equal(ErrorCodes.AccountDisabled, error);
        Assert.Empty(published);
    }

    private static async Task<(DebitFixture Fixture, CallDescriptor Call, List<AccountSummary> Published)> TwoMinuteCallOf1001Async(bool disabled = false)
    {
        var f = new DebitFixture("tutorial", 5);
        var account = DebitFixture.Account("cgrates.org", "1001", (BalanceTypes.Monetary, DebitFixture.Money("test", 10)));
        account.Disabled = disabled;
        await f.SaveAsync(account);
        var updates = new RecordingUpdates();
        f.Service.Updates = updates;
        var start = Instant.FromUtc(2014, 8, 4, 13, 0);
        return (f, DebitFixture.Call("cgrates.org", "call", "1001", "1001", "1002", start, start + Duration.FromMinutes(2)), updates.Published);
    }

    private sealed class RecordingUpdates : IAccountUpdates
    {
        public List<AccountSummary> Published { get; } = [];

        public ValueTask PublishAsync(AccountSummary account, CancellationToken cancellationToken)
        {
            Published.Add(account);
            return ValueTask.CompletedTask;
        }
    }
}
