using Xunit;

namespace Obol.Engine.Tests;

public class ConsoleArgumentsTests
{
    [Fact]
    public void TryParse_QuotedAndBareValues_ReadsBoth()
    {
        Assert.True(ConsoleArguments.TryParse(["Tenant=\"cgrates.org\"", "Usage=1m25s"], out var values, out var error));
        Assert.Null(error);
        Assert.Equal("cgrates.org", values["tenant"]);
        Assert.Equal("1m25s", values["Usage"]);
    }

    [Fact]
    public void TryParse_WordWithoutEquals_NamesTheWord()
    {
        Assert.False(ConsoleArguments.TryParse(["Tenant"], out _, out var error));
        Assert.Equal("invalid argument \"Tenant\": expected Key=Value", error);
    }
}
