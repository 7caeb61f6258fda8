using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

public sealed class TransferBalanceActionTests
{
    [Fact]
    public void Run_SameAccount_MovesUnitsAndCreatesTheMissingDestination()
    {
        var fx = new ActionFixture();
        var account = new Account("cgrates.org", "1001");
        fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10, id: "src")));

        var result = fx.Run(account, Act(ActionTypes.TransferBalance, Filter(Meta.Monetary, 4, id: "src"),
            extra: """{"DestinationAccountID":"cgrates.org:1001","DestinationBalanceID":"dst"}"""));

        Assert.True(result.Succeeded);
        Assert.Empty(result.AlsoChanged);
        Assert.Equal(6m, account.FindBalanceById(Meta.Monetary, "src")!.Value);
        Assert.Equal(4m, account.FindBalanceById(Meta.Monetary, "dst")!.Value);
    }

    [Fact]
    public void Run_HeldDestination_ChangedAndReportedForSaving()
    {
        var fx = new ActionFixture();
        var source = new Account("cgrates.org", "1001");
        var destination = new Account("cgrates.org", "1002");
        fx.Run(source, Act(ActionTypes.TopUp, Filter(Meta.Voice, 60_000_000_000, id: "minutes")));
        var transfer = Act(ActionTypes.TransferBalance, Filter(Meta.Voice, 20_000_000_000, id: "minutes"),
            extra: """{"DestinationAccountID":"cgrates.org:1002","DestinationBalanceID":"gift"}""");

        var notHeld = fx.Engine.Executor.Run(source, [transfer]);
        var held = fx.Engine.Executor.Run(source, [transfer], new Dictionary<string, Account?> { ["cgrates.org:1002"] = destination });

        Assert.Equal("retrieving destination account failed: the account is not held by this action run", notHeld.Error);
        Assert.True(held.Succeeded);
        Assert.Same(destination, Assert.Single(held.AlsoChanged));
        Assert.Equal(40_000_000_000m, source.FindBalanceById(Meta.Voice, "minutes")!.Value);
        Assert.Equal(20_000_000_000m, destination.FindBalanceById(Meta.Voice, "gift")!.Value);
    }

    [Theory]
    [InlineData("", "ExtraParameters used to identify the destination balance are missing")]
    [InlineData("""{"DestinationAccountID":"cgrates.org:1001","DestinationBalanceID":"dst","DestinationReferenceValue":-1}""",
        "insufficient credits in destination balance \"dst\" (account \"cgrates.org:1001\") for transfer of -1.00 units")]
    public void Run_BadTransfer_FailsWithCgratesReason(string extra, string expected)
    {
        var fx = new ActionFixture();
        var account = new Account("cgrates.org", "1001");
        fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10, id: "src")));

        var result = fx.Run(account, Act(ActionTypes.TransferBalance, Filter(Meta.Monetary, 4, id: "src"), extra: extra));

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Error);
    }
}
