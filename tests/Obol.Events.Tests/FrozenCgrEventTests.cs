using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.Events.Tests;

public sealed class FrozenCgrEventTests
{
    private static CgrEvent Call(string originId, string runId) => new()
    {
        Tenant = "cgrates.org",
        Id = "ev-" + originId,
        Time = Instant.FromUtc(2026, 1, 5, 10, 0),
        Event = new(StringComparer.Ordinal)
        {
            ["OriginID"] = originId,
            ["RunID"] = runId,
            ["Usage"] = Usage.FromSeconds(30),
            ["Cost"] = 0.6m,
            ["Extra"] = null,
        },
        ApiOpts = new(StringComparer.Ordinal) { ["*sessionsDebitInterval"] = "5s" },
    };

    [Fact]
    public void From_Event_ReadsEveryFieldInTheSourceOrder()
    {
        var source = Call("c1", "*default");

        var frozen = FrozenCgrEvent.From(source);

        Assert.Equal(source.Event.ToList(), frozen.Event.ToList());
        Assert.Equal(source.ApiOpts.ToList(), frozen.ApiOpts.ToList());
        Assert.Equal(("cgrates.org", "ev-c1", source.Time), (frozen.Tenant, frozen.Id, frozen.Time));
        Assert.Equal("30s", frozen.FieldAsString("Usage"));
        Assert.True(frozen.Event.TryGetValue("Extra", out var extra));
        Assert.Null(extra);
        Assert.False(frozen.Event.ContainsKey("Account"));
        Assert.Null(frozen.FieldAsString("Account"));
        Assert.Throws<KeyNotFoundException>(() => frozen.Event["Account"]);
    }

    [Fact]
    public void From_SourceChangedAfterwards_SnapshotUnchanged()
    {
        var source = Call("c1", "*default");
        var frozen = FrozenCgrEvent.From(source);

        source.Event["OriginID"] = "other";
        source.Event["Added"] = 1m;

        Assert.Equal("c1", frozen.Event["OriginID"]);
        Assert.Equal(5, frozen.Event.Count);
    }

    [Fact]
    public void ToCgrEvent_Copy_IsWritableWithoutTouchingTheSnapshot()
    {
        var frozen = FrozenCgrEvent.From(Call("c1", "*default"));

        var copy = frozen.ToCgrEvent();
        copy.Event["Usage"] = Usage.FromSeconds(93);
        copy.ApiOpts.Remove("*sessionsDebitInterval");

        Assert.Equal(Usage.FromSeconds(30), frozen.Event["Usage"]);
        Assert.Single(frozen.ApiOpts);
        Assert.Equal(["OriginID", "RunID", "Usage", "Cost", "Extra"], frozen.ToCgrEvent().Event.Keys);
    }

    [Fact]
    public void From_SameFieldNames_ShareOneShapeButNotValues()
    {
        var a = FrozenCgrEvent.From(Call("c1", "*default"));
        var b = FrozenCgrEvent.From(Call("c2", "*default"));

        Assert.Same(a.Event.Keys, b.Event.Keys);
        Assert.Equal("c1", a.Event["OriginID"]);
        Assert.Equal("c2", b.Event["OriginID"]);
    }

    [Fact]
    public void From_SiblingWithTheSameOptions_SharesThem()
    {
        var start = Call("c1", "");
        var run = start.Clone();
        run.Event["RunID"] = "*raw";
        var other = start.Clone();
        other.ApiOpts["*sessionsDebitInterval"] = "10s";

        var frozenStart = FrozenCgrEvent.From(start);
        var frozenRun = FrozenCgrEvent.From(run, frozenStart);
        var frozenOther = FrozenCgrEvent.From(other, frozenStart);

        Assert.Same(frozenStart.ApiOpts, frozenRun.ApiOpts);
        Assert.NotSame(frozenStart.Event, frozenRun.Event);
        Assert.Equal("*raw", frozenRun.Event["RunID"]);
        Assert.NotSame(frozenStart.ApiOpts, frozenOther.ApiOpts);
        Assert.Equal("10s", frozenOther.ApiOpts["*sessionsDebitInterval"]);
    }

    [Fact]
    public void From_EmptyEvent_EmptyMaps()
    {
        var frozen = FrozenCgrEvent.From(new CgrEvent());

        Assert.Empty(frozen.Event);
        Assert.Empty(frozen.ApiOpts);
        Assert.Empty(frozen.ToCgrEvent().Event);
    }

    [Fact]
    public void ToFilterEvent_Frozen_FiltersSeeReqAndOpts()
    {
        var filter = FrozenCgrEvent.From(Call("c1", "*default")).ToFilterEvent();

        Assert.Equal("c1", filter.Event["OriginID"]);
        Assert.Equal("5s", filter.ApiOpts["*sessionsDebitInterval"]);
    }
}
