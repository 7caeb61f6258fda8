using NodaTime;
using Obol.Primitives;

namespace Obol.Thresholds.Tests;

/// <summary>The tutorial tariff plan's Thresholds.csv rows (samples/tariffplans/tutorial).</summary>
internal static class Tutorial
{
    public static readonly Instant Activation = Instant.FromUtc(2014, 7, 29, 15, 0);

    public static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 12, 0);

    public static ThresholdProfile Account1001 => new("cgrates.org", "THD_ACNT_1001")
    {
        FilterIds = ["FLTR_ACNT_1001"],
        ActivationInterval = new ActivationInterval(Activation, null),
        MaxHits = 1,
        MinHits = 1,
        MinSleep = Usage.FromSeconds(1),
        Weight = 10,
        ActionIds = ["ACT_LOG_WARNING"],
        Async = true,
    };

    public static ThresholdProfile Account1002 => Account1001 with
    {
        Id = "THD_ACNT_1002",
        FilterIds = ["FLTR_ACNT_1002"],
        MaxHits = ThresholdProfile.UnlimitedHits,
    };

    public static ThresholdEvent Event(string account = "1001") => new("cgrates.org", "ev1")
    {
        Time = Now,
        Account = account,
    };

    public static ThresholdMatch Match(ThresholdProfile profile) => new(profile, Threshold.For(profile));
}
