using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Rating.Tests;

public class SpanOperationsTests
{
    private static readonly Instant s_start = Instant.FromUtc(2026, 1, 5, 10, 0);

    [Fact]
    public void SplitByIncrement_CompressedIncrementsBefore_CutsAfterTheirWholeDuration()
    {
        var span = new RatingSpan
        {
            TimeStart = s_start,
            TimeEnd = s_start + Duration.FromSeconds(100),
            DurationIndex = Usage.FromSeconds(100),
            Increments = [new(Usage.FromSeconds(10), 1, 3), new(Usage.FromSeconds(1), 0.1m, 40), new(Usage.FromSeconds(1), 0.1m, 30)],
        };

        var rest = SpanOperations.SplitByIncrement(span, 2);

        Assert.NotNull(rest);
        Assert.Equal(s_start + Duration.FromSeconds(70), span.TimeEnd);
        Assert.Equal(Usage.FromSeconds(70), span.DurationIndex);
        Assert.Equal(s_start + Duration.FromSeconds(70), rest.TimeStart);
        Assert.Equal(Usage.FromSeconds(100), rest.DurationIndex);
        Assert.Equal(30, rest.IncrementCount);
    }

    [Fact]
    public void SplitMergedSpans_MergedSpan_KeepsIncrementsCompressed()
    {
        var span = new RatingSpan
        {
            TimeStart = s_start,
            TimeEnd = s_start + Duration.FromSeconds(120),
            DurationIndex = Usage.FromSeconds(120),
            CompressFactor = 2,
            Cost = 2,
            Increments = [new(Usage.FromSeconds(1), 1m / 60, 60)],
        };
        List<RatingSpan> spans = [span];

        SpanOperations.SplitMergedSpans(spans);

        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal(60, Assert.Single(s.Increments).CompressFactor));
        Assert.Equal(s_start + Duration.FromSeconds(60), spans[0].TimeEnd);
        Assert.Equal(Usage.FromSeconds(60), spans[0].DurationIndex);
    }
}
