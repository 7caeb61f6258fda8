using Xunit;
using static Obol.Filters.Tests.TestEvents;

namespace Obol.Filters.Tests;

/// <summary><c>~*asm</c> reads an AccountUpdate event as the account summary it carries.</summary>
public sealed class AccountSummaryPathTests
{
    private static readonly FilterEvent s_accountUpdate = Call(
        ("Tenant", "cgrates.org"),
        ("AccountID", "1001"),
        ("AllowNegative", false),
        ("Disabled", false),
        ("BalanceSummaries", new List<object?>
        {
            Balance("uuid-voice", "free_minutes", "*voice", 600_000_000_000m, 540_000_000_000m),
            Balance("uuid-money", "*default", "*monetary", 10m, 9.4m),
        }));

    [Theory]
    [InlineData("*lt:~*asm.BalanceSummaries.*default.Value:9.5", true)]
    [InlineData("*lt:~*asm.BalanceSummaries.*default.Value:9.4", false)]
    [InlineData("*gte:~*asm.BalanceSummaries.*default.Initial:10", true)]
    [InlineData("*string:~*asm.BalanceSummaries.free_minutes.Type:*voice", true)]
    [InlineData("*string:~*asm.BalanceSummaries[1].UUID:uuid-money", true)]
    [InlineData("*string:~*asm.BalanceSummaries[0].ID:free_minutes", true)]
    [InlineData("*string:~*asm.AccountID:1001", true)]
    [InlineData("*string:~*asm.Tenant:cgrates.org", true)]
    [InlineData("*string:~*asm.Disabled:false", true)]
    [InlineData("*gte:~*asm.BalanceSummaries.*default.Weight:0", true)]
    [InlineData("*exists:~*asm.BalanceSummaries.no_such.Value:", false)]
    [InlineData("*notexists:~*asm.BalanceSummaries.no_such.Value:", true)]
    public void Pass_AsmPathOnAnAccountUpdate_ReadsTheSummary(string rule, bool expected)
    {
        var outcome = Inline(rule, s_accountUpdate);

        Assert.Null(outcome.Error);
        Assert.Equal(expected, outcome.Passed);
    }

    [Theory]
    [InlineData("*string:~*asm.Balance.x:1")]
    [InlineData("*string:~*asm.BalanceSummaries.*default.Colour:red")]
    public void Pass_AsmPathAnAccountSummaryHasNot_FailsWithUnsupportedFieldPrefix(string rule)
    {
        var outcome = Inline(rule, s_accountUpdate);

        Assert.Contains("unsupported field prefix", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pass_AsmPathOnACallEvent_DoesNotMatch()
    {
        var call = Call(("Account", "1001"), ("Destination", "1002"));

        Assert.False(Inline("*lt:~*asm.BalanceSummaries.*default.Value:100", call).Passed);
    }

    private static Dictionary<string, object?> Balance(string uuid, string id, string type, decimal initial, decimal value) => new()
    {
        ["UUID"] = uuid,
        ["ID"] = id,
        ["Type"] = type,
        ["Initial"] = initial,
        ["Value"] = value,
        ["Disabled"] = false,
    };
}
