namespace Obol.Stats;

/// <summary>
/// The value one event id contributed (CGRateS StatWithCompress): an event id seen <see cref="CompressFactor"/> times
/// keeps the running average of its values, which is also how a compressed queue stores many events under one id.
/// </summary>
public sealed class CompressedStat(decimal stat, int compressFactor)
{
    public decimal Stat { get; set; } = stat;

    public int CompressFactor { get; set; } = compressFactor;

    /// <summary>Adds one more occurrence to the running average.</summary>
    public void Merge(decimal value)
    {
        Stat = ((Stat * CompressFactor) + value) / (CompressFactor + 1);
        CompressFactor++;
    }
}

/// <summary>CGRateS DurationWithCompress: <see cref="CompressedStat"/> for nanosecond durations.</summary>
public sealed class CompressedDuration(long duration, int compressFactor)
{
    public long Duration { get; set; } = duration;

    public int CompressFactor { get; set; } = compressFactor;

    public void Merge(long value)
    {
        // CGRateS parity: the average is taken in float64 and converted back with truncation towards zero.
        Duration = (long)decimal.Truncate((((decimal)Duration * CompressFactor) + value) / (CompressFactor + 1));
        CompressFactor++;
    }
}
