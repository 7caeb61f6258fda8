using NodaTime;
using Obol.Filters;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Dispatchers.Tests;

public sealed class DispatcherProfileTests
{
    private static readonly SourceLocation s_row = new("DispatcherProfiles.csv", 3);

    [Fact]
    public void Compile_UnknownStrategy_RefusedNamingIt()
    {
        var error = Assert.Throws<DispatcherDefinitionException>(() => DispatcherProfile.Compile(DispatchFixture.Profile("D1", "*first")));

        Assert.Contains("unsupported dispatch strategy <*first>", error.WireError, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_NoId_MandatoryIeMissing()
    {
        var error = Assert.Throws<DispatcherDefinitionException>(() => DispatcherProfile.Compile(DispatchFixture.Profile("", "*weight")));

        Assert.Equal("MANDATORY_IE_MISSING: [ID]", error.WireError);
    }

    [Fact]
    public void FromTp_CsvRatios_LoadBalancedWithPositionalStrategyParams()
    {
        var tp = new TpDispatcherProfile(s_row, "cgrates.org", "EVENT7", ["*any"], [], null, "*weight", ["*default_ratio:2"],
            [new TpDispatcherHostProfile("ALL", [], 20, false, []), new TpDispatcherHostProfile("ALL2", [], 20, false, ["*ratio:1"])], 20);

        var profile = DispatcherProfile.FromTp(tp, DateTimeZone.Utc, Instant.FromUtc(2026, 1, 1, 0, 0));

        Assert.True(profile.IsLoadBalanced);
        Assert.Equal(2, profile.DefaultRatio);
        Assert.Equal("*default_ratio:2", profile.Definition.StrategyParams!["0"].GetString());
        Assert.Equal("1", profile.Definition.Hosts![1].Params!["*ratio"].GetString());
        Assert.Equal([null, 1L], profile.Hosts.Select(h => h.Ratio));
    }

    [Fact]
    public void FromTp_BadRatio_ErrorNamesRow()
    {
        var tp = new TpDispatcherProfile(s_row, "cgrates.org", "D1", ["*any"], [], null, "*weight", [],
            [new TpDispatcherHostProfile("A", [], 20, false, ["*ratio:many"])], 0);

        var error = Assert.Throws<DispatcherDefinitionException>(() => DispatcherProfile.FromTp(tp, DateTimeZone.Utc, Instant.FromUtc(2026, 1, 1, 0, 0)));

        Assert.Contains("DispatcherProfiles.csv:3", error.Message, StringComparison.Ordinal);
        Assert.Contains("*ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_AnySubsystemOn_OwnAndAnyProfilesByWeight()
    {
        var table = Table(new DispatcherOptions(),
            DispatchFixture.Profile("ANY", "*weight") with { Weight = 30 },
            DispatchFixture.Profile("SESSIONS", "*weight") with { Subsystems = ["*sessions"], Weight = 20 },
            DispatchFixture.Profile("ATTRIBUTES", "*weight") with { Subsystems = ["*attributes"], Weight = 40 });

        var matched = table.Match("cgrates.org", "*sessions", Event(), null, Now, null, out var error);

        Assert.Null(error);
        Assert.Equal(["ANY", "SESSIONS"], matched!.Select(p => p.Id));
    }

    [Fact]
    public void Match_AnySubsystemOff_AnyProfilesOnlyWhenSubsystemHasNone()
    {
        var table = Table(new DispatcherOptions { AnySubsystem = false },
            DispatchFixture.Profile("ANY", "*weight") with { Weight = 30 },
            DispatchFixture.Profile("SESSIONS", "*weight") with { Subsystems = ["*sessions"], Weight = 20 });

        Assert.Equal(["SESSIONS"], table.Match("cgrates.org", "*sessions", Event(), null, Now, null, out _)!.Select(p => p.Id));
        Assert.Equal(["ANY"], table.Match("cgrates.org", "*stats", Event(), null, Now, null, out _)!.Select(p => p.Id));
    }

    [Fact]
    public void Match_ProfilesCountOption_KeepsHeaviest()
    {
        var table = Table(new DispatcherOptions(),
            DispatchFixture.Profile("LIGHT", "*weight") with { Weight = 10 },
            DispatchFixture.Profile("HEAVY", "*weight") with { Weight = 30 });

        var matched = table.Match("cgrates.org", "*sessions", Event(), null, Now, 1, out _);

        Assert.Equal(["HEAVY"], matched!.Select(p => p.Id));
    }

    [Fact]
    public void Match_FilterAndActivation_OnlyPassingActiveProfiles()
    {
        var table = Table(new DispatcherOptions(),
            DispatchFixture.Profile("FOR_1001", "*weight") with { FilterIds = ["*string:~*req.Account:1001"] },
            DispatchFixture.Profile("EXPIRED", "*weight") with
            {
                ActivationInterval = new Obol.Events.ActivationIntervalDefinition
                {
                    ActivationTime = Instant.FromUtc(2020, 1, 1, 0, 0),
                    ExpiryTime = Instant.FromUtc(2021, 1, 1, 0, 0),
                },
            });

        var matched = table.Match("cgrates.org", "*sessions", Event(("Account", "1001")), Now, Now, null, out _);
        var none = table.Match("cgrates.org", "*sessions", Event(("Account", "1002")), Now, Now, null, out var error);

        Assert.Equal(["FOR_1001"], matched!.Select(p => p.Id));
        Assert.Null(none);
        Assert.Equal("NOT_FOUND", error);
    }

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 27, 12, 0);

    private static DispatcherTable Table(DispatcherOptions options, params DispatcherProfileDefinition[] profiles) =>
        DispatcherTable.Create(profiles.Select(DispatcherProfile.Compile), [], new FilterService(new FilterTable([])), options);

    private static FilterEvent Event(params (string Key, object? Value)[] fields) =>
        new(fields.ToDictionary(f => f.Key, f => f.Value));
}
