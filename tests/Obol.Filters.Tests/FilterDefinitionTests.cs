using Xunit;

namespace Obol.Filters.Tests;

public sealed class FilterDefinitionTests
{
    [Theory]
    [InlineData("*strung:~*req.Account:1001", "unsupported filter type: *strung")]
    [InlineData("*notgt:~*req.Usage:1m", "unsupported filter type: *notgt")]
    [InlineData("*string:~*req.Account:", "Values is mandatory for Type: *string")]
    [InlineData("*string::1001", "Element is mandatory for Type: *string")]
    [InlineData("*regex:~*req.Account:(unclosed", "invalid rule value <(unclosed>")]
    [InlineData("*rsr:~*req.Account:~(unclosed", "invalid regular expression")]
    [InlineData("*string:Account:1001", "must be a ~path")]
    [InlineData("*exists:~*req.Account:x", "takes no values")]
    [InlineData("*string:~*req..Account:1001", "invalid path")]
    [InlineData("*string:~*req.Account{*duration}:1001", "data converters are not supported")]
    [InlineData("*apiban:~*req.Ip:*some", "invalid value for apiban filter")]
    [InlineData("*string~*req.Account", "inline parse error")]
    public void FromInline_BadRule_ThrowsWithReason(string inline, string reason)
    {
        var error = Assert.Throws<FilterDefinitionException>(() => Filter.FromInline("cgrates.org", inline));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadSearchReplace_ThrowsWithReason()
    {
        var error = Assert.Throws<FilterDefinitionException>(() => FilterRule.Create("*string", "~*req.Account:s/(/x/", ["1"]));

        Assert.Contains("invalid Search&Replace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromInline_PipeSeparatesValues_KeepsBracketedPartsWhole()
    {
        var filter = Filter.FromInline("cgrates.org", "*prefix:~*req.Destination:10|20");

        Assert.Equal(["10", "20"], filter.Rules[0].Values);
        Assert.Equal(["a<~*req.X|b>c", "d"], Filter.SplitValues("a<~*req.X|b>c|d", '|'));
    }

    [Fact]
    public void CheckInline_ListsEveryBadInlineFilter()
    {
        var problems = FilterService.CheckInline(["FLTR_1", "*string:~*req.A:1", "*bogus:~*req.A:1", "*string:~*req.A:"]);

        Assert.Equal(2, problems.Count);
    }
}
