using Obol.Accounting.Tests.Debit;
using Xunit;

namespace Obol.Accounting.Tests;

/// <summary>Account.FieldAsInterface paths, as <c>~*accounts.&lt;account&gt;.…</c> filters read them.</summary>
public sealed class AccountFieldsTests
{
    private static readonly Account s_account = Build();

    [Theory]
    [InlineData("BalanceMap.*monetary[0].Value", 10.5)]
    [InlineData("BalanceMap.*monetary[1].Value", 2)]
    [InlineData("BalanceMap.*monetary.bonus.Value", 2)]
    [InlineData("BalanceMap.*monetary.1.Value", 2)]
    [InlineData("BalanceMap[*monetary].main.Weight", 10)]
    [InlineData("BalanceMap.*monetary.GetTotalValue", 12.5)]
    [InlineData("BalanceMap.*voice[0].Value", 60000000000)]
    public void TryGet_BalancePath_ReadsTheBalance(string path, double expected)
    {
        Assert.True(AccountFields.TryGet(s_account, path.Split('.'), out var value, out var error));

        Assert.Null(error);
        Assert.Equal((decimal)expected, Assert.IsType<decimal>(value));
    }

    [Fact]
    public void TryGet_AccountAndBalanceFlags_ReadTheirValues()
    {
        Assert.True(AccountFields.TryGet(s_account, ["Disabled"], out var disabled, out _));
        Assert.True(AccountFields.TryGet(s_account, ["ID"], out var id, out _));
        Assert.True(AccountFields.TryGet(s_account, "BalanceMap.*voice[0].DestinationIDs.DST_FS".Split('.'), out var destination, out _));
        Assert.True(AccountFields.TryGet(s_account, "BalanceMap.*voice[0].DestinationIDs[DST_FS]".Split('.'), out var indexed, out _));

        Assert.Equal((false, "cgrates.org:1001", true, true), (disabled, id, destination, indexed));
    }

    [Theory]
    [InlineData("BalanceMap.*sms[0].Value")]
    [InlineData("BalanceMap.*monetary[5].Value")]
    [InlineData("BalanceMap.*voice[0].DestinationIDs.DST_NL")]
    public void TryGet_WhatTheAccountHasNot_IsNotFound(string path)
    {
        Assert.False(AccountFields.TryGet(s_account, path.Split('.'), out _, out var error));

        Assert.Null(error);
    }

    [Theory]
    [InlineData("Balances.x", "unsupported field prefix: <Balances>")]
    [InlineData("BalanceMap.*monetary[0].Colour", "unsupported field prefix: <Colour>")]
    [InlineData("BalanceMap.*monetary.nosuch.Value", "strconv.Atoi: parsing \"nosuch\": invalid syntax")]
    public void TryGet_PathNoAccountHas_FailsWithCgratesText(string path, string expected)
    {
        Assert.False(AccountFields.TryGet(s_account, path.Split('.'), out _, out var error));

        Assert.Equal(expected, error);
    }

    private static Account Build()
    {
        var main = DebitFixture.Money("uuid-main", 10.5m);
        main.ID = "main";
        var bonus = DebitFixture.Money("uuid-bonus", 2m, weight: 5);
        bonus.ID = "bonus";
        return DebitFixture.Account("cgrates.org", "1001",
            (BalanceTypes.Monetary, main),
            (BalanceTypes.Monetary, bonus),
            (BalanceTypes.Voice, DebitFixture.Units("minutes", 60_000_000_000m, destinations: "DST_FS")));
    }
}
