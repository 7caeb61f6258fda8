using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Thresholds.Tests;

public sealed class ThresholdProcessorTests
{
    private readonly RecordingActions _actions = new();

    private ThresholdProcessor Processor => new(_actions);

    [Fact]
    public async Task ProcessEvent_MaxHitsOne_FiresOnceThenStopsReporting()
    {
        var match = Tutorial.Match(Tutorial.Account1001);

        var first = await Processor.ProcessEventAsync(Tutorial.Event(), [match], Tutorial.Now);
        var second = await Processor.ProcessEventAsync(Tutorial.Event(), [match], Tutorial.Now.Plus(Duration.FromMinutes(1)));

        Assert.Equal(["THD_ACNT_1001"], first.ThresholdIds);
        Assert.Null(first.Error);
        Assert.Empty(second.ThresholdIds);
        Assert.Null(second.Error);
        Assert.Empty(second.Changed);
        Assert.Equal(1, match.State.Hits);
        var request = Assert.Single(_actions.Requests);
        Assert.Equal(new ThresholdActionRequest("cgrates.org", "THD_ACNT_1001", "ACT_LOG_WARNING", "cgrates.org:1001", true, Tutorial.Event()), request);
    }

    [Fact]
    public async Task ProcessEvent_WithinMinSleep_CountsHitWithoutFiring()
    {
        var match = Tutorial.Match(Tutorial.Account1002);

        var first = await Processor.ProcessEventAsync(Tutorial.Event("1002"), [match], Tutorial.Now);
        var snoozed = await Processor.ProcessEventAsync(Tutorial.Event("1002"), [match], Tutorial.Now.Plus(Duration.FromMilliseconds(500)));

        Assert.Equal(["THD_ACNT_1002"], first.ThresholdIds);
        Assert.Equal(["THD_ACNT_1002"], snoozed.ThresholdIds);
        Assert.Equal(2, match.State.Hits);
        Assert.Single(_actions.Requests);
        Assert.Equal(Tutorial.Now.Plus(Duration.FromSeconds(1)), match.State.Snooze);
    }

    [Fact]
    public async Task ProcessEvent_AfterMinSleep_FiresAgain()
    {
        var match = Tutorial.Match(Tutorial.Account1002);
        var later = Tutorial.Now.Plus(Duration.FromMilliseconds(1001));

        await Processor.ProcessEventAsync(Tutorial.Event("1002"), [match], Tutorial.Now);
        await Processor.ProcessEventAsync(Tutorial.Event("1002"), [match], later);

        Assert.Equal(2, _actions.Requests.Count);
        Assert.Equal(later.Plus(Duration.FromSeconds(1)), match.State.Snooze);
    }

    [Fact]
    public async Task ProcessEvent_ExactlyAtSnooze_StillSnoozed()
    {
        var match = Tutorial.Match(Tutorial.Account1002);

        await Processor.ProcessEventAsync(Tutorial.Event("1002"), [match], Tutorial.Now);
        await Processor.ProcessEventAsync(Tutorial.Event("1002"), [match], Tutorial.Now.Plus(Duration.FromSeconds(1)));

        Assert.Single(_actions.Requests);
    }

    [Fact]
    public async Task ProcessEvent_BelowMinHits_ReportsHitButFiresOnlyAtMinHits()
    {
        var profile = Tutorial.Account1002 with { MinHits = 3, MinSleep = Usage.Zero };
        var match = Tutorial.Match(profile);

        var results = new List<ThresholdProcessResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await Processor.ProcessEventAsync(Tutorial.Event(), [match], Tutorial.Now.Plus(Duration.FromSeconds(i))));
        }

        Assert.All(results, result => Assert.Equal(["THD_ACNT_1002"], result.ThresholdIds));
        Assert.Equal(3, match.State.Hits);
        Assert.Single(_actions.Requests);
        Assert.Equal(Tutorial.Now.Plus(Duration.FromSeconds(2)), match.State.Snooze);
    }

    [Fact]
    public async Task ProcessEvent_Blocker_StopsLowerWeights()
    {
        var high = Tutorial.Match(Tutorial.Account1002 with { Id = "HIGH", Weight = 20, Blocker = true });
        var low = Tutorial.Match(Tutorial.Account1002 with { Id = "LOW", Weight = 10 });

        var result = await Processor.ProcessEventAsync(Tutorial.Event(), [low, high], Tutorial.Now);

        Assert.Equal(["HIGH"], result.ThresholdIds);
        Assert.Equal(0, low.State.Hits);
    }

    [Fact]
    public async Task ProcessEvent_ExhaustedBlocker_StillBlocksLowerWeights()
    {
        var high = Tutorial.Match(Tutorial.Account1001 with { Id = "HIGH", Weight = 20, Blocker = true });
        high.State.Hits = 1;
        var low = Tutorial.Match(Tutorial.Account1002 with { Id = "LOW", Weight = 10 });

        var result = await Processor.ProcessEventAsync(Tutorial.Event(), [low, high], Tutorial.Now);

        Assert.Empty(result.ThresholdIds);
        Assert.Null(result.Error);
        Assert.Empty(_actions.Requests);
    }

    [Fact]
    public async Task ProcessEvent_SeveralWeights_ProcessesHighestFirst()
    {
        var matches = new[] { ("B", 5m), ("A", 5m), ("C", 30m), ("D", 10m) }
            .Select(p => Tutorial.Match(Tutorial.Account1002 with { Id = p.Item1, Weight = p.Item2 }))
            .ToList();

        var result = await Processor.ProcessEventAsync(Tutorial.Event(), matches, Tutorial.Now);

        Assert.Equal(["C", "D", "A", "B"], result.ThresholdIds);
        Assert.Equal(["C", "D", "A", "B"], _actions.Requests.Select(r => r.ThresholdId));
    }

    [Fact]
    public async Task ProcessEvent_BeforeActivation_NotFound()
    {
        var match = Tutorial.Match(Tutorial.Account1001);
        var early = Tutorial.Event() with { Time = Tutorial.Activation };

        var result = await Processor.ProcessEventAsync(early, [match], Tutorial.Now);

        Assert.Empty(result.ThresholdIds);
        Assert.Equal(ErrorCodes.NotFound, result.Error);
        Assert.Equal(0, match.State.Hits);
    }

    [Fact]
    public async Task ProcessEvent_AfterExpiry_SkipsOnlyExpiredProfile()
    {
        var expired = Tutorial.Match(Tutorial.Account1002 with
        {
            Id = "EXPIRED",
            ActivationInterval = new ActivationInterval(null, Tutorial.Now),
        });
        var open = Tutorial.Match(Tutorial.Account1002);

        var result = await Processor.ProcessEventAsync(Tutorial.Event(), [expired, open], Tutorial.Now);

        Assert.Equal(["THD_ACNT_1002"], result.ThresholdIds);
    }

    [Fact]
    public async Task ProcessEvent_EventWithoutTime_IgnoresActivationWindow()
    {
        var match = Tutorial.Match(Tutorial.Account1001 with { ActivationInterval = new ActivationInterval(Tutorial.Now.Plus(Duration.FromDays(1)), null) });

        var result = await Processor.ProcessEventAsync(Tutorial.Event() with { Time = null }, [match], Tutorial.Now);

        Assert.Equal(["THD_ACNT_1001"], result.ThresholdIds);
    }

    [Fact]
    public async Task ProcessEvent_SyncActionFails_PartiallyExecutedWithHitCountedAndSnoozed()
    {
        _actions.Failing.Add("ACT_FAIL");
        var match = Tutorial.Match(Tutorial.Account1002 with { Async = false, ActionIds = ["ACT_FAIL", "ACT_OK"] });

        var result = await Processor.ProcessEventAsync(Tutorial.Event(), [match], Tutorial.Now);

        Assert.Equal(ErrorCodes.PartiallyExecuted, result.Error);
        Assert.Equal(["THD_ACNT_1002"], result.ThresholdIds);
        Assert.Equal(1, match.State.Hits);
        Assert.Equal(Tutorial.Now.Plus(Duration.FromSeconds(1)), match.State.Snooze);
        Assert.Equal(["ACT_FAIL", "ACT_OK"], _actions.Requests.Select(r => r.ActionSetId));
        Assert.Same(match.State, Assert.Single(result.Changed));
        Assert.Single(result.Warnings);
    }

    [Fact]
    public async Task ProcessEvent_AsyncActionFails_OnlyWarns()
    {
        _actions.Failing.Add("ACT_LOG_WARNING");
        var match = Tutorial.Match(Tutorial.Account1002);

        var result = await Processor.ProcessEventAsync(Tutorial.Event(), [match], Tutorial.Now);

        Assert.Null(result.Error);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public async Task ProcessEvent_NoAccount_RunsActionsWithoutAccount()
    {
        var match = Tutorial.Match(Tutorial.Account1002);

        await Processor.ProcessEventAsync(Tutorial.Event() with { Account = null }, [match], Tutorial.Now);

        Assert.Null(Assert.Single(_actions.Requests).AccountTenantId);
    }

    [Fact]
    public async Task ProcessEvent_FilterPredicate_ProcessesOnlyPassing()
    {
        var first = Tutorial.Match(Tutorial.Account1001);
        var second = Tutorial.Match(Tutorial.Account1002);

        var result = await Processor.ProcessEventAsync(Tutorial.Event(), [first, second],
            profile => profile.FilterIds.Contains("FLTR_ACNT_1002"), Tutorial.Now);

        Assert.Equal(["THD_ACNT_1002"], result.ThresholdIds);
        Assert.Equal(0, first.State.Hits);
    }

    [Fact]
    public async Task ProcessEvent_NoCandidates_NotFound()
    {
        var result = await Processor.ProcessEventAsync(Tutorial.Event(), [], Tutorial.Now);

        Assert.Equal(ErrorCodes.NotFound, result.Error);
        Assert.Empty(result.ThresholdIds);
    }
}
