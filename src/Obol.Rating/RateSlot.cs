using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// One rate group of a rate (CGRateS RGRate): from <see cref="GroupIntervalStart"/> into the call, every
/// <see cref="RateIncrement"/> costs <see cref="Value"/> per <see cref="RateUnit"/>.
/// </summary>
public sealed record RateSlot(Usage GroupIntervalStart, decimal Value, Usage RateIncrement, Usage RateUnit)
{
    private static readonly Usage s_oneSecond = Usage.FromSeconds(1);

    /// <summary>CGRateS parity: GetRateParameters replaces a zero increment with 1s.</summary>
    public Usage IncrementOrDefault() => RateIncrement.Nanoseconds == 0 ? s_oneSecond : RateIncrement;

    /// <summary>CGRateS parity: GetRateParameters replaces a zero unit with 1s.</summary>
    public Usage UnitOrDefault() => RateUnit.Nanoseconds == 0 ? s_oneSecond : RateUnit;
}
