using Obol.Primitives;
using System.Collections.Immutable;
using Obol.Events;
using Obol.Filters;
using Obol.TariffPlans;

namespace Obol.Profiles;

/// <summary>What the catalog needs to know about one profile kind: its collection name, how a definition compiles,
/// how its TP rows become definitions and which service receives the indexed profiles.</summary>
internal interface IProfileKind
{
    string Collection { get; }

    /// <summary>Loads stored definitions; a document that no longer compiles is reported and skipped.</summary>
    void Restore(IEnumerable<KeyValuePair<string, string>> documents, Action<string> warn);

    /// <summary>Indexes the profiles against <paramref name="filters"/>; throws on a broken filter reference.</summary>
    Func<ValueTask> Stage(FilterService filters);

    /// <summary>Compiles the plan's rows of this kind: the writes to store and a staged swap, or the errors.</summary>
    (IReadOnlyList<TariffPlanError> Errors, IReadOnlyList<JournalWrite> Writes, Func<FilterService, Func<ValueTask>>? Stage) PrepareTp(
        TariffPlan plan, TariffPlanReadOptions options);

    /// <summary>Removes the profiles the plan's rows of this kind name: the deletions to store and a staged swap.</summary>
    (IReadOnlyList<TariffPlanError> Errors, IReadOnlyList<JournalWrite> Writes, Func<FilterService, Func<ValueTask>>? Stage) PrepareRemoveTp(
        TariffPlan plan, TariffPlanReadOptions options);
}

/// <summary>One kind's definitions and compiled profiles, replaced whole on every change; the catalog changes it.</summary>
public sealed class ProfileKind<TDefinition, TProfile>(
    string collection,
    Func<TDefinition, TProfile> compile,
    Func<TariffPlan, TariffPlanReadOptions, IEnumerable<(SourceLocation Location, Func<TDefinition> Definition)>> fromTp,
    FilterIndexOptions index,
    Func<IndexedProfiles<TProfile>, ValueTask> apply) : IProfileKind
    where TDefinition : class
    where TProfile : class, IEventProfile
{
    private ImmutableDictionary<(string Tenant, string Id), Entry> _entries = ImmutableDictionary<(string, string), Entry>.Empty;

    public string Collection => collection;

    /// <summary>How the kind's profiles are indexed.</summary>
    public FilterIndexOptions IndexOptions => index;

    /// <summary>Every compiled profile in force.</summary>
    public IEnumerable<TProfile> Profiles => _entries.Values.Select(e => e.Profile);

    /// <summary>Stored documents compiled as a restart would compile them; one that does not compile is left out.</summary>
    public IReadOnlyList<TProfile> Compile(IEnumerable<KeyValuePair<string, string>> documents) =>
        [.. CompileDocuments(documents, (_, _) => { }).Select(c => c.Profile)];

    public TDefinition? Find(string tenant, string id) => _entries.TryGetValue((tenant, id), out var entry) ? entry.Definition : null;

    public IReadOnlyList<string> Ids(string tenant) =>
        [.. _entries.Keys.Where(k => k.Tenant == tenant).Select(k => k.Id).Order(StringComparer.Ordinal)];

    /// <summary>Every profile as <c>tenant:id</c>, sorted: the item ids CGRateS's cache partition of the kind holds.</summary>
    public IReadOnlyList<string> AllIds() => [.. _entries.Keys.Select(k => Key(k.Tenant, k.Id)).Order(StringComparer.Ordinal)];

    /// <summary>Every definition, by tenant then ID.</summary>
    public IReadOnlyList<TDefinition> All() =>
        [.. _entries.OrderBy(e => e.Key.Tenant, StringComparer.Ordinal).ThenBy(e => e.Key.Id, StringComparer.Ordinal).Select(e => e.Value.Definition)];

    private static string Key(string tenant, string id) => tenant + ":" + id;

    void IProfileKind.Restore(IEnumerable<KeyValuePair<string, string>> documents, Action<string> warn) => Restore(documents, warn);

    Func<ValueTask> IProfileKind.Stage(FilterService filters) => Stage(_entries, filters);

    (IReadOnlyList<TariffPlanError> Errors, IReadOnlyList<JournalWrite> Writes, Func<FilterService, Func<ValueTask>>? Stage) IProfileKind.PrepareTp(
        TariffPlan plan, TariffPlanReadOptions options) => PrepareTp(plan, options);

    (IReadOnlyList<TariffPlanError> Errors, IReadOnlyList<JournalWrite> Writes, Func<FilterService, Func<ValueTask>>? Stage) IProfileKind.PrepareRemoveTp(
        TariffPlan plan, TariffPlanReadOptions options)
    {
        var errors = new List<TariffPlanError>();
        var writes = new List<JournalWrite>();
        var entries = _entries.ToBuilder();
        foreach (var (_, profile) in Compiled(plan, options, errors))
        {
            if (entries.Remove((profile.Tenant, profile.Id)))
            {
                writes.Add(new JournalWrite(collection, Key(profile.Tenant, profile.Id), null));
            }
        }
        var remaining = entries.ToImmutable();
        return (errors, writes, errors.Count == 0 ? filters => Stage(remaining, filters) : null);
    }

    internal void Restore(IEnumerable<KeyValuePair<string, string>> documents, Action<string> warn)
    {
        var builder = _entries.ToBuilder();
        foreach (var (definition, profile) in CompileDocuments(documents, (key, reason) => warn($"stored {collection} {key} skipped: {reason}")))
        {
            builder[(profile.Tenant, profile.Id)] = new Entry(definition, profile);
        }
        _entries = builder.ToImmutable();
    }

    /// <summary>Stored documents read and compiled; one that does not is handed to <paramref name="skipped"/> with why.</summary>
    private IEnumerable<(TDefinition Definition, TProfile Profile)> CompileDocuments(IEnumerable<KeyValuePair<string, string>> documents,
        Action<string, string> skipped)
    {
        foreach (var (key, json) in documents)
        {
            (TDefinition, TProfile) compiled;
            try
            {
                var definition = System.Text.Json.JsonSerializer.Deserialize<TDefinition>(json, GoJson.GoJsonOptions.Default)
                    ?? throw new FilterDefinitionException("null document");
                compiled = (definition, compile(definition));
            }
            catch (Exception e) when (e is FilterDefinitionException or System.Text.Json.JsonException)
            {
                skipped(key, e.Message);
                continue;
            }
            yield return compiled;
        }
    }

    /// <summary>Compiles and stages one definition; throws <see cref="FilterDefinitionException"/> with the reason.</summary>
    internal (JournalWrite Write, Func<ValueTask> Swap) PrepareSet(TDefinition definition, FilterService filters)
    {
        var profile = compile(definition);
        var entries = _entries.SetItem((profile.Tenant, profile.Id), new Entry(definition, profile));
        var json = System.Text.Json.JsonSerializer.Serialize(definition, GoJson.GoJsonOptions.Default);
        return (new JournalWrite(collection, Key(profile.Tenant, profile.Id), json), Stage(entries, filters));
    }

    internal (JournalWrite Write, Func<ValueTask> Swap)? PrepareRemove(string tenant, string id, FilterService filters)
    {
        if (!_entries.ContainsKey((tenant, id)))
        {
            return null;
        }
        return (new JournalWrite(collection, Key(tenant, id), null), Stage(_entries.Remove((tenant, id)), filters));
    }

    internal (IReadOnlyList<TariffPlanError> Errors, IReadOnlyList<JournalWrite> Writes, Func<FilterService, Func<ValueTask>>? Stage) PrepareTp(
        TariffPlan plan, TariffPlanReadOptions options)
    {
        var errors = new List<TariffPlanError>();
        var writes = new List<JournalWrite>();
        var entries = _entries.ToBuilder();
        foreach (var (definition, profile) in Compiled(plan, options, errors))
        {
            entries[(profile.Tenant, profile.Id)] = new Entry(definition, profile);
            writes.Add(new JournalWrite(collection, Key(profile.Tenant, profile.Id),
                System.Text.Json.JsonSerializer.Serialize(definition, GoJson.GoJsonOptions.Default)));
        }
        var merged = entries.ToImmutable();
        return (errors, writes, errors.Count == 0 ? filters => Stage(merged, filters) : null);
    }

    /// <summary>The plan's rows of this kind compiled; a row that does not compile is an error at its file:line.</summary>
    private IEnumerable<(TDefinition Definition, TProfile Profile)> Compiled(TariffPlan plan, TariffPlanReadOptions options, List<TariffPlanError> errors)
    {
        foreach (var (location, make) in fromTp(plan, options))
        {
            TDefinition definition;
            TProfile profile;
            try
            {
                definition = make();
                profile = compile(definition);
            }
            catch (FilterDefinitionException e)
            {
                var message = e.Message.StartsWith(location.ToString() + ": ", StringComparison.Ordinal)
                    ? e.Message[(location.ToString().Length + 2)..]
                    : e.Message;
                errors.Add(new TariffPlanError(location.File, location.Line, "", message));
                continue;
            }
            yield return (definition, profile);
        }
    }

    private Func<ValueTask> Stage(ImmutableDictionary<(string, string), Entry> entries, FilterService filters)
    {
        var indexed = IndexedProfiles.Build(entries.Values.Select(e => e.Profile), filters, index);
        return async () =>
        {
            _entries = entries;
            await apply(indexed).ConfigureAwait(false);
        };
    }

    private sealed record Entry(TDefinition Definition, TProfile Profile);
}
