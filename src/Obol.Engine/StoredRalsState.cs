using Obol.Primitives;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Rals;
using Obol.Storage.Sqlite;

namespace Obol.Engine;

/// <summary>
/// The embedded store as RALs' state store: one document per changed action list (<c>rals_actions</c>) and per changed
/// plan (<c>rals_action_plans</c>), keyed by id. A removal is kept as the document <c>null</c>, since the stored
/// tariff plan would otherwise bring the list or plan back.
/// </summary>
internal sealed class StoredRalsState(SqliteDocumentStore documents) : IRalsStateStore
{
    public const string ActionsCollection = "rals_actions";
    public const string PlansCollection = "rals_action_plans";
    public const string TriggersCollection = "rals_action_triggers";
    public const string DestinationsCollection = "rals_destinations";
    public const string RatingProfilesCollection = "rals_rating_profiles";
    public const string TimingsCollection = "rals_timings";
    public const string RatingPlansCollection = "rals_rating_plans";

    private const string Removed = "null";

    public async Task SaveAsync(RalsStateChanges changes, CancellationToken cancellationToken = default)
    {
        var writes = new List<JournalWrite>(changes.Actions.Count + changes.ActionPlans.Count);
        writes.AddRange(changes.Actions.Select(a => new JournalWrite(ActionsCollection, a.Key, a.Value is null ? Removed : AccountActionJson.Write(a.Value))));
        writes.AddRange(changes.ActionPlans.Select(p => new JournalWrite(PlansCollection, p.Key, p.Value is null ? Removed : ActionPlanJson.Write(p.Value))));
        writes.AddRange(changes.Triggers.Select(t => new JournalWrite(TriggersCollection, t.Key, t.Value is null ? Removed : AccountJson.WriteTriggers(t.Value))));
        writes.AddRange(changes.Destinations.Select(d => new JournalWrite(DestinationsCollection, d.Key,
            d.Value is null ? Removed : System.Text.Json.JsonSerializer.Serialize(d.Value))));
        writes.AddRange(changes.RatingProfiles.Select(r => new JournalWrite(RatingProfilesCollection, r.Key,
            r.Value is null ? Removed : System.Text.Json.JsonSerializer.Serialize(r.Value))));
        writes.AddRange(changes.Timings.Select(t => new JournalWrite(TimingsCollection, t.Key,
            t.Value is null ? Removed : System.Text.Json.JsonSerializer.Serialize(t.Value))));
        writes.AddRange(changes.RemovedRatingPlans.Select(id => new JournalWrite(RatingPlansCollection, id, Removed)));
        await documents.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RalsStateChanges> LoadAsync(CancellationToken cancellationToken = default)
    {
        var actions = new Dictionary<string, IReadOnlyList<AccountAction>?>(StringComparer.Ordinal);
        foreach (var (key, json) in await documents.ListAsync(ActionsCollection, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            actions[key] = json == Removed ? null : Read(ActionsCollection, key, json, AccountActionJson.Read);
        }
        var plans = new Dictionary<string, ActionPlan?>(StringComparer.Ordinal);
        foreach (var (key, json) in await documents.ListAsync(PlansCollection, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            plans[key] = json == Removed ? null : Read(PlansCollection, key, json, ActionPlanJson.Read);
        }
        var triggers = new Dictionary<string, IReadOnlyList<ActionTrigger>?>(StringComparer.Ordinal);
        foreach (var (key, json) in await documents.ListAsync(TriggersCollection, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            triggers[key] = json == Removed ? null : Read(TriggersCollection, key, json, AccountJsonReader.ReadTriggers);
        }
        var destinations = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        foreach (var (key, json) in await documents.ListAsync(DestinationsCollection, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            destinations[key] = json == Removed ? null : Read(DestinationsCollection, key, json, j => System.Text.Json.JsonSerializer.Deserialize<List<string>>(j)!);
        }
        var profiles = new Dictionary<string, IReadOnlyList<RatingPlanActivationChange>?>(StringComparer.Ordinal);
        foreach (var (key, json) in await documents.ListAsync(RatingProfilesCollection, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            profiles[key] = json == Removed ? null
                : Read(RatingProfilesCollection, key, json, j => System.Text.Json.JsonSerializer.Deserialize<List<RatingPlanActivationChange>>(j)!);
        }
        var timings = new Dictionary<string, TimingChange?>(StringComparer.Ordinal);
        foreach (var (key, json) in await documents.ListAsync(TimingsCollection, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            timings[key] = json == Removed ? null : Read(TimingsCollection, key, json, j => System.Text.Json.JsonSerializer.Deserialize<TimingChange>(j)!);
        }
        var removedPlans = (await documents.ListAsync(RatingPlansCollection, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        return new RalsStateChanges(actions, plans, triggers, destinations, profiles, timings, removedPlans);
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        var writes = new List<JournalWrite>();
        foreach (var collection in new[] { ActionsCollection, PlansCollection, TriggersCollection, DestinationsCollection, RatingProfilesCollection, TimingsCollection,
            RatingPlansCollection })
        {
            var stored = await documents.ListAsync(collection, cancellationToken: cancellationToken).ConfigureAwait(false);
            writes.AddRange(stored.Select(d => new JournalWrite(collection, d.Key, null)));
        }
        await documents.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses to start on an unreadable document rather than run with a plan or list missing.</summary>
    private static T Read<T>(string collection, string key, string json, Func<string, T> read)
    {
        try
        {
            return read(json);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{collection}/{key}: {e.Message}", e);
        }
    }
}
