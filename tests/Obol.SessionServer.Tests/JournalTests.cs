using Obol.Profiles.Testing;
using Xunit;

namespace Obol.SessionServer.Tests;

public sealed class JournalTests
{
    [Fact]
    public async Task Started_FrozenEventsWritten_LoadGivesThemBack()
    {
        var documents = new MemoryDocumentStore();
        var journal = new SessionJournal(documents);
        var time = new SessionServiceHarness.ManualTime();
        await using var service = SessionServiceHarness.Service(time, new SessionServiceHarness.ListingAgent(), journal);
        await SessionServiceHarness.InitiateAsync(service, "kept", new(StringComparer.Ordinal) { ["*sessionsDebitInterval"] = "0s", ["*flag"] = true });
        var session = Assert.Single(service.Manager.ActiveSessions);

        var restored = Assert.Single(await journal.LoadAsync(_ => { }, TestContext.Current.CancellationToken));

        Assert.Equal(session.CgrId, restored.CgrId);
        Assert.Equal((session.Start.Tenant, session.Start.Id, session.Start.Time), (restored.StartEvent.Tenant, restored.StartEvent.Id, restored.StartEvent.Time));
        Assert.Equal(session.Start.Event.Keys.Order(), restored.StartEvent.Event.Keys.Order());
        Assert.All(session.Start.Event.Keys, k => Assert.Equal(session.Start.FieldAsString(k), restored.StartEvent.FieldAsString(k)));
        Assert.Equal(true, restored.StartEvent.ApiOpts["*flag"]);
        var run = Assert.Single(restored.Runs);
        Assert.Equal("*default", run.RunId);
        Assert.Equal("*default", run.Event.FieldAsString("RunID"));
        Assert.Equal(session.Runs[0].Fields.Keys.Order(), run.Event.Event.Keys.Order());
        Assert.Equal(session.Runs[0].Call.TimeStart, run.TimeStart);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task CdrStored_StoreSessionCosts_KeepsTheRunsCostOnlyWhenAsked(bool keepCosts, bool kept)
    {
        var documents = new MemoryDocumentStore();
        await documents.WriteAsync([new(SessionJournal.Costs, "cg1/*default", """{"Cost":0.7}"""), new(SessionJournal.Costs, "cg1/*raw", """{"Cost":0}""")],
            TestContext.Current.CancellationToken);
        var journal = new SessionJournal(documents, keepCosts);

        journal.CdrStored("cg1", "*default");

        var cost = await journal.GetSessionCostAsync("cg1", "*default", TestContext.Current.CancellationToken);
        Assert.Equal(kept, cost is not null);
        Assert.NotNull(await journal.GetSessionCostAsync("cg1", "*raw", TestContext.Current.CancellationToken));
    }
}
