using Xunit;

namespace Obol.Attributes.Tests;

/// <summary>config.NewRSRParsers: how a value text splits into rules.</summary>
public sealed class ValueRuleTests
{
    [Theory]
    [InlineData("a;b", new[] { "a", "b" })]
    [InlineData("`a;b`", new[] { "a;b" })]
    [InlineData("x`a;b`y;~*req.C", new[] { "xa;by", "~*req.C" })]
    [InlineData("~*req.A;`;`;~*req.B", new[] { "~*req.A", ";", "~*req.B" })]
    [InlineData("~*req.Account:s/^(\\d+)$/+49${1}/", new[] { "~*req.Account:s/^(\\d+)$/+49${1}/" })]
    public void Parse_Separators_SplitLikeCgrates(string text, string[] expected) =>
        Assert.Equal(expected, RsrValueList.Parse(text, ';').Rules);

    [Fact]
    public void Parse_InlineSeparator_IsAmpersand() =>
        Assert.Equal(["a;b", "c"], RsrValueList.Parse("a;b&c", '&').Rules);

    [Fact]
    public void Parse_Empty_HasNoRules() => Assert.Equal(0, RsrValueList.Parse("", ';').Count);

    [Fact]
    public void Parse_TrailingSeparator_IsAnEmptyRule() =>
        Assert.Throws<FormatException>(() => RsrValueList.Parse("a;", ';'));
}
