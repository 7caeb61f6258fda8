using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Obol.Api;
using Obol.Events;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Profiles;
using Obol.Rating;
using Obol.Sessions;

namespace Obol.SessionServer;

/// <summary>
/// The active-session backup as documents: <c>sessions</c> (a session's start: its event and runs),
/// <c>session_debits</c> (one CallCost per debit, keyed CGRID/run/sequence) and <c>session_costs</c> (each run's final
/// EventCost, keyed CGRID/RunID, CGRateS's SMCost that CDRs fall back on).
/// </summary>
/// <remarks>
/// A run's cost is written with its settlement in every case: it is what a ProcessCDR that comes after a crash
/// between the settlement and the CDR is priced from, instead of being charged again. Unless
/// <paramref name="keepCosts"/> (<c>store_session_costs</c>) asks to keep them, as CGRateS keeps its SMCosts, it goes
/// once the run's CDR holds it: otherwise every call's CostDetails would be stored twice, for good.
/// </remarks>
public sealed class SessionJournal(IProfileDocumentStore documents, bool keepCosts = false, Action<string>? warn = null, IClock? clock = null)
    : ISessionJournal, CdrServer.ISessionCostSource
{
    public const string Sessions = "sessions";
    public const string Debits = "session_debits";
    public const string Costs = "session_costs";

    /// <summary>Costs stored through CDRsV1.StoreSessionCost: kept until removed, whatever <c>store_session_costs</c> says.</summary>
    public const string PostedCosts = "session_costs_posted";

    private static readonly string[] s_costCollections = [Costs, PostedCosts];
    public const string Rates = "session_rates";

    // Rate documents this process has written (they never change: the key is their content's hash).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _writtenRates = new(StringComparer.Ordinal);

    public JournalWrite Started(Session session)
    {
        // Written from the frozen events as they are; read back below with CgrEvents.
        var doc = new SessionDocument<FrozenEventDocument>(session.CgrId, new FrozenEventDocument(session.Start), session.DebitInterval?.Nanoseconds,
            [.. session.Runs.Select(r => new RunDocument<FrozenEventDocument>(r.RunId, new FrozenEventDocument(r.StartedEvent), r.Call.TimeStart))]);
        return new JournalWrite(Sessions, session.CgrId, JsonSerializer.Serialize(doc, GoJsonOptions.Default));
    }

    public IReadOnlyList<JournalWrite> Debited(Session session, int runIndex, int sequence, CallCost cost)
    {
        List<JournalWrite> writes = [];
        var json = JournalDebit.Write(cost, withSummary: sequence == 0, rateKey: rate =>
        {
            var doc = JournalDebit.Rate(rate);
            if (_writtenRates.TryAdd(doc.Key, 0))
            {
                writes.Add(new JournalWrite(Rates, doc.Key, doc.Json));
            }
            return doc.Key;
        });
        writes.Add(new JournalWrite(Debits, DebitKey(session.CgrId, runIndex, sequence), json));
        return writes;
    }

    public (JournalWrite Write, string? CostJson) Settled(Session session, int runIndex, EventCost cost)
    {
        var run = session.Runs[runIndex];
        var json = EventCostJson.WriteString(cost);
        // Kept costs carry what CGRateS's SMCost adds to the EventCost, for *remove_session_costs to select them by.
        var stored = keepCosts
            ? StoredSessionCost.WithOrigin(json, run.FieldAsString(EventFields.OriginHost) ?? "", run.FieldAsString(EventFields.OriginId) ?? "",
                (clock ?? SystemClock.Instance).GetCurrentInstant())
            : json;
        return (new JournalWrite(Costs, CostKey(session.CgrId, run.RunId), stored), json);
    }

    public IReadOnlyList<JournalWrite> Forget(Session session)
    {
        List<JournalWrite> writes = [new(Sessions, session.CgrId, null)];
        foreach (var run in session.Runs)
        {
            for (var sequence = 0; sequence < run.DebitCount; sequence++)
            {
                writes.Add(new JournalWrite(Debits, DebitKey(session.CgrId, run.Index, sequence), null));
            }
        }
        return writes;
    }

    public Task WriteAsync(IReadOnlyList<JournalWrite> writes, CancellationToken cancellationToken) =>
        documents.WriteAsync(writes, cancellationToken).AsTask();

    /// <summary>The sessions the backup holds, with their debits and which runs are settled; unreadable ones are reported
    /// through <paramref name="warn"/> and skipped.</summary>
    public async Task<IReadOnlyList<RestoredSession>> LoadAsync(Action<string> warn, CancellationToken cancellationToken = default)
    {
        var sessions = await documents.ListAsync(Sessions, cancellationToken).ConfigureAwait(false);
        if (sessions.Count == 0)
        {
            return [];
        }
        var rates = new Dictionary<string, RateInterval>(StringComparer.Ordinal);
        foreach (var (key, rateJson) in await documents.ListAsync(Rates, cancellationToken).ConfigureAwait(false))
        {
            rates[key] = JournalDebit.ReadRate(rateJson);
            _writtenRates.TryAdd(key, 0);
        }
        var debits = (await documents.ListAsync(Debits, cancellationToken).ConfigureAwait(false)).ToLookup(d => d.Key[..d.Key.LastIndexOf('/')], StringComparer.Ordinal);
        var costs = (await documents.ListAsync(Costs, cancellationToken).ConfigureAwait(false)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        List<RestoredSession> restored = [];
        foreach (var (cgrId, json) in sessions)
        {
            try
            {
                var doc = JsonSerializer.Deserialize<SessionDocument<CgrEvent>>(json, GoJsonOptions.Default)!;
                var runs = doc.Runs.Select((r, i) => new RestoredRun(r.RunId, Normalize(r.Event), r.TimeStart,
                    [.. debits[$"{cgrId}/{i:D2}"].OrderBy(d => d.Key, StringComparer.Ordinal)
                        .Select(d => JournalDebit.Read(d.Value, rates))],
                    costs.Contains(CostKey(cgrId, r.RunId)))).ToList();
                restored.Add(new RestoredSession(cgrId, Normalize(doc.StartEvent), doc.DebitInterval is { } ns ? new Usage(ns) : null, runs));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
            {
                warn($"<SessionS> cannot restore session <{cgrId}> from the backup: {e.Message}");
            }
        }
        return restored;
    }

    public async Task<(decimal Cost, string CostDetails, string CostSource)?> GetSessionCostAsync(string cgrId, string runId, CancellationToken cancellationToken)
    {
        if (await StoredCostAsync(CostKey(cgrId, runId), cancellationToken).ConfigureAwait(false) is not { } json)
        {
            return null;
        }
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        return (root.TryGetProperty("Cost", out var cost) && cost.ValueKind == JsonValueKind.Number ? cost.GetDecimal() : 0m,
            StoredSessionCost.EventCostOf(json, root), StoredSessionCost.CostSourceOf(root));
    }

    /// <summary>The run's cost document, SessionS's own or a posted one.</summary>
    private async Task<string?> StoredCostAsync(string key, CancellationToken cancellationToken) =>
        await documents.GetAsync(Costs, key, cancellationToken).ConfigureAwait(false)
        ?? await documents.GetAsync(PostedCosts, key, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// CDRsV1.StoreSessionCost (storeSMCost): a cost settled elsewhere, kept with its SMCost fields for a later CDR of
    /// the run to take; with <paramref name="checkDuplicate"/> a run that has a stored cost already answers EXISTS.
    /// </summary>
    public async Task<string?> StoreCostAsync(CdrServer.PostedSessionCost cost, bool checkDuplicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var key = CostKey(cost.CgrId, cost.RunId);
        if (checkDuplicate && await StoredCostAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return ErrorCodes.Exists;
        }
        var stored = StoredSessionCost.WithOrigin(cost.CostDetails, cost.OriginHost, cost.OriginId, (clock ?? SystemClock.Instance).GetCurrentInstant(),
            cost.CostSource);
        await documents.WriteAsync([new JournalWrite(PostedCosts, key, stored)], cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>*remove_session_costs: removes the stored costs <paramref name="filter"/> selects; how many went.</summary>
    public async Task<int> RemoveCostsAsync(SessionCostFilter filter, CancellationToken cancellationToken)
    {
        List<JournalWrite> removals = [];
        foreach (var collection in s_costCollections)
        {
            foreach (var (key, json) in await documents.ListAsync(collection, cancellationToken).ConfigureAwait(false))
            {
                if (StoredSessionCost.TryRead(key, json, out var record) && filter.Matches(record))
                {
                    removals.Add(new JournalWrite(collection, key, null));
                }
            }
        }
        if (removals.Count > 0)
        {
            await documents.WriteAsync(removals, cancellationToken).ConfigureAwait(false);
        }
        return removals.Count;
    }

    public void CdrStored(string cgrId, string runId)
    {
        if (!keepCosts)
        {
            // Not awaited: the CDR is committed already, and the reply need not wait for the housekeeping.
            _ = ForgetCostAsync(CostKey(cgrId, runId));
        }
    }

    private async Task ForgetCostAsync(string key)
    {
        try
        {
            await documents.WriteAsync([new JournalWrite(Costs, key, null)], CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A cost left behind is only a row too many; the failure is reported, never thrown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            warn?.Invoke($"<SessionS> cannot remove the stored cost <{key}>: {e.Message}");
        }
    }

    private static string DebitKey(string cgrId, int runIndex, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{cgrId}/{runIndex:D2}/{sequence:D6}");

    private static string CostKey(string cgrId, string runId) => $"{cgrId}/{runId}";

    private static CgrEvent Normalize(CgrEvent ev)
    {
        ev.Event ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        ev.ApiOpts ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        return ev;
    }

    /// <summary>The session's start in the backup: written with <see cref="FrozenEventDocument"/>s, read with
    /// <see cref="CgrEvent"/>s.</summary>
    private sealed record SessionDocument<TEvent>(
        [property: JsonPropertyName("CGRID")] string CgrId,
        TEvent StartEvent,
        long? DebitInterval,
        IReadOnlyList<RunDocument<TEvent>> Runs);

    private sealed record RunDocument<TEvent>([property: JsonPropertyName("RunID")] string RunId, TEvent Event, Instant TimeStart);

    /// <summary>A frozen event written as the CGREvent JSON that <see cref="CgrEvent"/> reads.</summary>
    private sealed class FrozenEventDocument(FrozenCgrEvent ev)
    {
        public string Tenant => ev.Tenant;

        [JsonPropertyName("ID")]
        public string Id => ev.Id;

        public Instant? Time => ev.Time;

        public IReadOnlyDictionary<string, object?> Event => ev.Event;

        [JsonPropertyName("APIOpts")]
        public IReadOnlyDictionary<string, object?> ApiOpts => ev.ApiOpts;
    }
}
