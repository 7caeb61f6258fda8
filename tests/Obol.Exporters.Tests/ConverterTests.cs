using NodaTime;
using Obol.Filters;
using Obol.Primitives;
using Xunit;

namespace Obol.Exporters.Tests;

public sealed class ConverterTests
{
    private static readonly Instant s_now = Instant.FromUtc(2024, 1, 1, 0, 0);

    private static string Eval(string rule, object? value)
    {
        var data = new FilterEvent(new Dictionary<string, object?> { ["F"] = value });
        var rules = ValueRule.ParseList(rule, DateTimeZone.Utc);
        Assert.True(ValueRule.TryEvaluateList(rules, data, s_now, out var text, out var error), error);
        return text;
    }

    [Theory]
    [InlineData("~*req.F{*duration_seconds}", "1m7s", "67")]
    [InlineData("~*req.F{*duration_seconds}", "12500000000", "12.5")]
    [InlineData("~*req.F{*duration_nanoseconds}", "1s", "1000000000")]
    [InlineData("~*req.F{*duration_minutes}", "90s", "1.5")]
    [InlineData("~*req.F{*duration}", "67000000000", "1m7s")]
    [InlineData("~*req.F{*round:4}", "1.01005", "1.0101")]
    [InlineData("~*req.F{*round:2:*down}", "1.019", "1.01")]
    [InlineData("~*req.F{*round}", "2.5", "3")]
    [InlineData("~*req.F{*multiply:1000}", "0.0123", "12.3")]
    [InlineData("~*req.F{*divide:4}", "1", "0.25")]
    [InlineData("~*req.F{*string2hex}", "1001", "0x31303031")]
    [InlineData("~*req.F{*len}", "héllo", "6")]
    [InlineData("~*req.F{*unixtime}", "2018-10-04T15:03:10Z", "1538665390")]
    [InlineData("~*req.F{*float64}", "1.50", "1.5")]
    [InlineData("~*req.F{*timestring::2006-01-02T15:04:05Z}", "2018-10-04T15:03:10Z", "2018-10-04T15:03:10Z")]
    [InlineData("~*req.F{*timestring:Europe/Berlin:02.01.06 15:04:05 MST}", "2018-10-04T15:03:10Z", "04.10.18 17:03:10 CEST")]
    [InlineData("~*req.F{*timestring:UTC}", "2018-10-04T15:03:10.5Z", "2018-10-04 15:03:10")]
    [InlineData("~*req.F{*duration_seconds&*round:1}", "1234ms", "1.2")]
    [InlineData("~*req.F:s/^(\\d{2})(\\d+)$/+${1}-${2}/", "4986517", "+49-86517")]
    [InlineData("pre;~*req.F;post", "x", "prexpost")]
    public void Converts_like_cgrates(string rule, string input, string expected) =>
        Assert.Equal(expected, Eval(rule, input));

    [Fact]
    public void Typed_values_convert_without_a_string_round_trip()
    {
        Assert.Equal("67", Eval("~*req.F{*duration_seconds}", new Usage(67_000_000_000)));
        Assert.Equal("-1", Eval("~*req.F{*round:4}", -1m));
        Assert.Equal("2018-10-04T15:03:10.123+00:00",
            Eval("~*req.F{*timestring:UTC:2006-01-02T15:04:05.000-07:00}", Instant.FromUtc(2018, 10, 4, 15, 3, 10).PlusNanoseconds(123_456_789)));
    }

    [Fact]
    public void Missing_path_is_not_found()
    {
        var rules = ValueRule.ParseList("~*req.Nope", DateTimeZone.Utc);
        Assert.False(ValueRule.TryEvaluateList(rules, new FilterEvent(new Dictionary<string, object?>()), s_now, out _, out var error));
        Assert.Equal(ErrorCodes.NotFound, error);
    }

    [Theory]
    [InlineData("~*req.F{*bogus}", "unsupported converter definition")]
    [InlineData("~*req.F{*round:x}", "needs integer")]
    [InlineData("~*req.F{*divide:0}", "by zero")]
    [InlineData("~*req.F{*timestring:Mars/Olympus}", "unknown time zone")]
    [InlineData("~*req.F{*libphonenumber}", "not supported by Obol")]
    public void Bad_converters_are_refused_when_parsed(string rule, string reason)
    {
        var e = Assert.Throws<FormatException>(() => ValueRule.ParseList(rule, DateTimeZone.Utc));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mon Jan _2 15:04:05 2006", "Thu Oct  4 15:03:10 2018")]
    [InlineData("January 2, 2006 3:04PM", "October 4, 2018 3:03PM")]
    [InlineData("20060102150405", "20181004150310")]
    [InlineData("2006-01-02T15:04:05Z07:00", "2018-10-04T15:03:10Z")]
    [InlineData("06/1/2 03:04:05.999 pm -0700 002", "18/10/4 03:03:10 pm +0000 277")]
    public void Go_layouts_format_as_go(string layout, string expected) =>
        Assert.Equal(expected, GoTimeFormat.Format(Instant.FromUtc(2018, 10, 4, 15, 3, 10).InUtc(), layout));
}
