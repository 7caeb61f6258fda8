using Obol.Primitives;
using Obol.Rating;
using Xunit;

namespace Obol.Sessions.Tests;

/// <summary>The journal a session leaves while it runs, and a new manager restoring from it as after a crash.</summary>
public sealed class SessionRestoreTests
{
    [Fact]
    public async Task RestoreAsync_JournaledDebits_TerminateChargesOnlyTheDifference()
    {
        var journal = new MemoryJournal();
        var h = new SessionHarness(options: new SessionOptions(), journal: journal);
        h.Rater.Sink = journal.Apply;
        var call = SessionHarness.Call("c1", Meta.Prepaid) with { Usage = Usage.FromSeconds(10) };
        await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);
        await h.Manager.UpdateAsync(call, TestContext.Current.CancellationToken);
        var takenBeforeCrash = 10m - h.Rater.Balance;

        var restarted = new SessionManager(h.Rater, h.Disconnector, new SessionOptions(), h.Clock, journal);
        var restored = await restarted.RestoreAsync(journal.Restore(), TestContext.Current.CancellationToken);
        var error = await restarted.TerminateAsync(call with { Usage = Usage.FromSeconds(25) }, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal(1, restored);
        Assert.Equal(20 * 0.01m, takenBeforeCrash);
        Assert.Equal(10m - (25 * 0.01m), h.Rater.Balance);
        Assert.Equal(25 * 0.01m, restarted.GetClosed("c1")!.Runs[0].EventCost!.Cost);
        Assert.Empty(journal.Sessions);
        Assert.Empty(journal.Debits);
        Assert.Single(journal.Costs);
    }

    [Fact]
    public async Task RestoreAsync_SettledBeforeCrash_ForgottenNotChargedAgain()
    {
        var journal = new MemoryJournal();
        var h = new SessionHarness(options: new SessionOptions(), journal: journal);
        h.Rater.Sink = journal.Apply;
        var call = SessionHarness.Call("c1", Meta.Prepaid) with { Usage = Usage.FromSeconds(10) };
        await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);
        var sessions = journal.Restore();
        await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(7) }, TestContext.Current.CancellationToken);
        var balance = h.Rater.Balance;

        var restarted = new SessionManager(h.Rater, h.Disconnector, new SessionOptions(), h.Clock, journal);
        var settled = sessions.Select(s => s with { Runs = [.. s.Runs.Select(r => r with { Settled = true })] }).ToList();
        var restored = await restarted.RestoreAsync(settled, TestContext.Current.CancellationToken);

        Assert.Equal(0, restored);
        Assert.Equal(balance, h.Rater.Balance);
        Assert.Null(restarted.GetActive("c1"));
    }

    [Fact]
    public async Task TerminateAsync_PastTheDebitedUsage_DebitAndSettlementAreOneWriteThatEmptiesTheJournal()
    {
        var journal = new MemoryJournal();
        var h = new SessionHarness(options: new SessionOptions(), journal: journal);
        var writes = new List<IReadOnlyList<JournalWrite>>();
        h.Rater.Sink = w =>
        {
            writes.Add(w);
            journal.Apply(w);
        };
        var call = SessionHarness.Call("c1", Meta.Prepaid) with { Usage = Usage.FromSeconds(30) };
        await h.Manager.InitiateAsync(call, TestContext.Current.CancellationToken);
        var beforeTerminate = writes.Count;

        var error = await h.Manager.TerminateAsync(call with { Usage = Usage.FromSeconds(45) }, TestContext.Current.CancellationToken);

        Assert.Null(error);
        Assert.Equal(["MaxDebit", "Debit"], h.Rater.Calls);
        Assert.Equal(beforeTerminate + 1, writes.Count);
        Assert.DoesNotContain(writes[^1], w => w.Key.StartsWith("d/", StringComparison.Ordinal) && w.Json is not null);
        Assert.Equal(10m - 0.45m, h.Rater.Balance);
        Assert.Equal(0.45m, h.Manager.GetClosed("c1")!.Runs[0].EventCost!.Cost);
        Assert.Empty(journal.Sessions);
        Assert.Empty(journal.Debits);
        Assert.Equal(0.45m, Assert.Single(journal.Costs).Value.Cost);
    }

    /// <summary>Keeps the journal as objects; <see cref="Restore"/> reads it back as the engine's document journal would.</summary>
    private sealed class MemoryJournal : ISessionJournal
    {
        public Dictionary<string, Session> Sessions { get; } = [];
        public SortedDictionary<string, CallCost> Debits { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, EventCost> Costs { get; } = [];
        private readonly List<(string Key, object? Value)> _pending = [];

        public JournalWrite Started(Session session) => Pending("s/" + session.CgrId, session);

        // A copy, as a serialised document would be: the manager goes on merging later debits into the first one.
        public IReadOnlyList<JournalWrite> Debited(Session session, int runIndex, int sequence, CallCost cost) =>
            [Pending($"d/{session.CgrId}/{runIndex:D2}/{sequence:D6}", new CallCost
            {
                Tenant = cost.Tenant, Account = cost.Account, Subject = cost.Subject, Destination = cost.Destination, Cost = cost.Cost,
                Timespans = [.. cost.Timespans.Select(t => t.CloneShallow())],
            })];

        public (JournalWrite Write, string? CostJson) Settled(Session session, int runIndex, EventCost cost) => (Pending($"c/{session.CgrId}/{runIndex}", cost), null);

        public IReadOnlyList<JournalWrite> Forget(Session session) =>
            [Pending("s/" + session.CgrId, null), .. Debits.Keys.Where(k => k.StartsWith(session.CgrId + "/", StringComparison.Ordinal)).ToList()
                .Select(k => Pending("d/" + k, null))];

        public Task WriteAsync(IReadOnlyList<JournalWrite> writes, CancellationToken cancellationToken)
        {
            Apply(writes);
            return Task.CompletedTask;
        }

        /// <summary>What the rater saved with its balance changes lands here too (the fake rater keeps its journal list).</summary>
        public void Apply(IEnumerable<JournalWrite> writes)
        {
            foreach (var write in writes)
            {
                var value = _pending.Find(p => ReferenceEquals(p.Key, write.Key)).Value;
                var (kind, key) = (write.Key[0], write.Key[2..]);
                switch (kind, value)
                {
                    case ('s', Session s): Sessions[key] = s; break;
                    case ('s', null): Sessions.Remove(key); break;
                    case ('d', CallCost c): Debits[key] = c; break;
                    case ('d', null): Debits.Remove(key); break;
                    case ('c', EventCost e): Costs[key] = e; break;
                }
            }
        }

        public List<RestoredSession> Restore() => [.. Sessions.Values.Select(s => new RestoredSession(s.CgrId, s.Start.ToCgrEvent(), s.DebitInterval,
            [.. s.Runs.Select(r => new RestoredRun(r.RunId, r.CopyEvent(), r.Call.TimeStart,
                [.. Debits.Where(d => d.Key.StartsWith($"{s.CgrId}/{r.Index:D2}/", StringComparison.Ordinal)).Select(d => d.Value)],
                Costs.ContainsKey($"{s.CgrId}/{r.Index}")))]))];

        private JournalWrite Pending(string key, object? value)
        {
            _pending.Add((key, value));
            return new JournalWrite("memory", key, value is null ? null : "{}");
        }
    }
}
