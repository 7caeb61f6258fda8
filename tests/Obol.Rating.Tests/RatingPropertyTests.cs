using CsCheck;
using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Rating.Tests;

/// <summary>Invariants of rating that hold for any call, checked over generated calls.</summary>
public class RatingPropertyTests
{
    private static readonly RatingEngine s_engineLoader = PlanFixture.Engine("engine_loader_csv", roundingDecimals: 6);
    private static readonly RatingEngine s_tutorial = PlanFixture.Engine("tutorial", roundingDecimals: 5);
    private static readonly RatingEngine s_exact = new(ExactPlan(), new RatingOptions { RoundingDecimals = 5 });

    private static readonly Gen<Instant> s_start =
        Gen.Long[0, 366L * 24 * 3600].Select(s => Instant.FromUtc(2012, 1, 1, 0, 0) + Duration.FromSeconds(s));

    private static readonly string[] s_destinations = ["0256", "0257308200", "0723045326", "0723"];

    private static readonly Gen<long> s_usageSeconds = Gen.Long[1, 3 * 24 * 3600];

    [Fact]
    public void GetCost_AnyCall_SpansCoverStartToEndWithoutGapOrOverlap()
    {
        Gen.Select(s_start, s_usageSeconds, Gen.Int[0, 3].Select(i => s_destinations[i])).Sample((start, seconds, destination) =>
        {
            var end = start + Duration.FromSeconds(seconds);
            var result = s_engineLoader.GetCost(PlanFixture.Call("vdf", "0", "rif", destination, start, end));
            Assert.Null(result.Error);
            var spans = result.CallCost!.Timespans;
            Assert.Equal(start, spans[0].TimeStart);
            for (var i = 1; i < spans.Count; i++)
            {
                Assert.Equal(spans[i - 1].TimeEnd, spans[i].TimeStart);
            }
            Assert.True(spans[^1].TimeEnd >= end);
            Assert.All(spans, s => Assert.True(s.TimeEnd > s.TimeStart));
        }, iter: 300);
    }

    [Fact]
    public void GetCost_LongerCall_NeverCostsLess()
    {
        Gen.Select(s_start, s_usageSeconds, s_usageSeconds).Sample((start, a, b) =>
        {
            var (shorter, longer) = a <= b ? (a, b) : (b, a);
            decimal Cost(long seconds) =>
                s_engineLoader.GetCost(PlanFixture.Call("vdf", "0", "rif", "0256", start, start + Duration.FromSeconds(seconds))).CallCost!.Cost;
            Assert.True(Cost(shorter) <= Cost(longer), $"{shorter}s cost more than {longer}s from {start}");
        }, iter: 300);
    }

    [Fact]
    public void GetEventCost_TutorialLongerCall_NeverCostsLess()
    {
        var answer = Instant.FromUtc(2014, 8, 4, 13, 0);
        Gen.Select(Gen.Long[1, 7200], Gen.Long[1, 7200], Gen.Int[0, 1].Select(i => i == 0 ? "1002" : "1003")).Sample((a, b, destination) =>
        {
            var (shorter, longer) = a <= b ? (a, b) : (b, a);
            decimal Cost(long seconds) =>
                s_tutorial.GetEventCost(PlanFixture.Call("cgrates.org", "call", "1001", destination, answer, answer + Duration.FromSeconds(seconds))).Cost!.Cost!.Value;
            Assert.True(Cost(shorter) <= Cost(longer));
        }, iter: 300);
    }

    [Fact]
    public void RateSpans_CallInTwoAlignedParts_EqualsWholeCall()
    {
        // Parts split on whole minutes keep every increment whole; the second part is a later loop (no connect fee)
        // whose DurationIndex places it after the first minute's rate group.
        Gen.Select(s_start, Gen.Long[1, 180], Gen.Long[1, 10_000]).Sample((start, firstMinutes, secondSeconds) =>
        {
            var first = Duration.FromMinutes(firstMinutes);
            var whole = first + Duration.FromSeconds(secondSeconds);
            var wholeCost = s_exact.RateSpans(Call(start, start + whole, whole, 0)).CallCost!.Cost;
            var part1 = s_exact.RateSpans(Call(start, start + first, first, 0)).CallCost!.Cost;
            var part2 = s_exact.RateSpans(Call(start + first, start + whole, whole, 1)).CallCost!.Cost;
            Assert.Equal(wholeCost, part1 + part2);
        }, iter: 300);

        static CallDescriptor Call(Instant from, Instant to, Duration index, int loop)
        {
            var cd = PlanFixture.Call("cgrates.org", "call", "1001", "4420", from, to);
            cd.DurationIndex = new Usage(index.ToInt64Nanoseconds());
            cd.LoopIndex = loop;
            return cd;
        }
    }

    /// <summary>A plan whose increments cost exact decimals (1.2/min per minute, then 0.01 per second), weekday evenings
    /// cheaper, so parts and wholes can be compared without rounding noise.</summary>
    private static RatingDataSet ExactPlan()
    {
        RateTable Table(decimal perMinuteFirst, decimal perMinuteAfter) => new("RT", 0.5m, RoundingMethod.None, 0, 0, "",
            [new RateSlot(Usage.Zero, perMinuteFirst, Usage.FromSeconds(60), Usage.FromSeconds(60)),
             new RateSlot(Usage.FromSeconds(60), perMinuteAfter, Usage.FromSeconds(1), Usage.FromSeconds(60))]);
        var day = Table(1.2m, 0.6m);
        var evening = Table(0.6m, 0.3m);
        var plan = new RatingPlan("RP_EXACT", new Dictionary<string, RateInterval[]>
        {
            ["DST_UK"] =
            [
                new RateInterval(Timing.Any, day, 10),
                new RateInterval(new Timing("EVENING", [], [], [], [1, 2, 3, 4, 5], new LocalTime(18, 0), null, "18:00:00"), evening, 10),
            ],
        });
        var profile = new RatingProfile(new RatingProfileKey("cgrates.org", "call", "1001"),
            [new RatingPlanActivation(Instant.FromUtc(2010, 1, 1, 0, 0), "RP_EXACT", [])]);
        return new RatingDataSet(new Dictionary<string, string[]> { ["DST_UK"] = ["44"] }, [plan], [profile]);
    }
}
