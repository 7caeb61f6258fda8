using Xunit;

namespace Obol.Evapi.Tests;

public sealed class KamFlagsTests
{
    [Fact]
    public void Split_Absent_ReturnsNull() => Assert.Null(KamFlags.Split(null));

    [Fact]
    public void Split_Empty_ReturnsOneEmptyFlagAsGo() => Assert.Equal([""], KamFlags.Split(""));

    [Fact]
    public void Split_CapturedFlags_SplitsOnSemicolon() =>
        Assert.Equal(["*attributes", "*accounts", "*resources", "*thresholds"], KamFlags.Split("*attributes;*accounts;*resources;*thresholds"));

    [Theory]
    [InlineData("*accounts;*cdrs", true)]
    [InlineData("*accounts;*resources", false)]
    [InlineData(null, false)]
    public void RequestsCdr_Flags_LooksForCdrsSubstring(string? flags, bool expected) => Assert.Equal(expected, KamFlags.RequestsCdr(flags));
}
