using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>newCDRProcessingArgs: flags and APIOpts over the config's defaults.</summary>
public sealed class CdrFlagsTests
{
    private static readonly CdrFlags s_defaults = new() { Store = true, Chargers = true };

    private static CdrFlags With(params string[] flags) =>
        s_defaults.TryWith(flags, null, out var result, out var error) ? result : throw new InvalidOperationException(error);

    [Fact]
    public void TryWith_Rerate_TurnsRalsRefundAndReprocessOn()
    {
        var flags = With("*rerate");

        Assert.True(flags is { Rerate: true, Rals: true, Refund: true, Reprocess: true, Store: true, Chargers: true });
    }

    [Fact]
    public void TryWith_RefundAlone_TurnsRalsOffAndReprocessOn()
    {
        var flags = (s_defaults with { Rals = true }).TryWith(["*refund"], null, out var result, out _) ? result : null;

        Assert.True(flags is { Refund: true, Rals: false, Reprocess: true, Rerate: false });
    }

    [Fact]
    public void TryWith_RerateWithoutRefund_ChargesWithoutReprocessing()
    {
        var flags = With("*rerate", "*refund:false");

        Assert.True(flags is { Rerate: true, Rals: true, Refund: false, Reprocess: false });
    }

    [Fact]
    public void TryWith_TrueAndFalseParameters_TrueWins()
    {
        Assert.True(With("*chargers:false", "*chargers:true").Chargers);
        Assert.False(With("*chargers", "*chargers:false").Chargers);
    }

    [Fact]
    public void TryWith_OptionsUnderFlags_FlagDecides()
    {
        var opts = new Dictionary<string, object?> { ["*chargerS"] = false, ["*ralS"] = "true" };

        Assert.True(s_defaults.TryWith(["*chargers"], opts, out var flags, out _));

        Assert.True(flags is { Chargers: true, Rals: true });
    }

    [Fact]
    public void TryWith_OptionNotBoolean_FailsWithGoText()
    {
        Assert.False(s_defaults.TryWith([], new Dictionary<string, object?> { ["*attributeS"] = "yes" }, out _, out var error));

        Assert.Equal("failed to configure processing args: strconv.ParseBool: parsing \"yes\": invalid syntax", error);
    }
}
