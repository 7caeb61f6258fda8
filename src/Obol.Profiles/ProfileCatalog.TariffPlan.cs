using System.Collections.Immutable;
using Obol.Primitives;
using System.Text.Json;
using Obol.Filters;
using Obol.GoJson;
using Obol.Rals;
using Obol.TariffPlans;

namespace Obol.Profiles;

public sealed partial class ProfileCatalog
{
    /// <summary>
    /// Compiles and indexes the plan's Filters ... Resources against the merged filters; any bad row is an error at its
    /// file:line and nothing changes. A restore at start-up keeps the stored profiles (they include the API's later
    /// changes) unless nothing was ever stored, as with a data directory from before the profiles were kept.
    /// </summary>
    public PreparedPlanLoad Prepare(TariffPlan plan, TariffPlanReadOptions options, bool restoring)
    {
        if (restoring && _hasStoredProfiles)
        {
            return PreparedPlanLoad.Nothing;
        }
        var errors = new List<TariffPlanError>();
        var writes = new List<JournalWrite>();
        var filters = _filters.ToBuilder();
        foreach (var tp in plan.Filters)
        {
            try
            {
                var definition = FilterDefinition.FromTp(tp, options.TimeZone, options.Now);
                definition.Compile();
                filters[(definition.Tenant, definition.Id)] = definition;
                writes.Add(new JournalWrite(FiltersCollection, definition.Tenant + ":" + definition.Id,
                    JsonSerializer.Serialize(definition, GoJsonOptions.Default)));
            }
            catch (FilterDefinitionException e)
            {
                errors.Add(new TariffPlanError(tp.Location.File, tp.Location.Line, "", StripLocation(e.Message, tp.Location)));
            }
        }
        return Staged(filters.ToImmutable(), kind => kind.PrepareTp(plan, options), errors, writes);
    }

    /// <summary>
    /// APIerSv1.RemoveTPFromFolder's part here: the profiles and filters the plan's rows name are removed. A filter that
    /// a remaining profile still uses is an error, and nothing changes.
    /// </summary>
    public PreparedPlanLoad PrepareRemoval(TariffPlan removed, TariffPlanReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(removed);
        var errors = new List<TariffPlanError>();
        var writes = new List<JournalWrite>();
        var filters = _filters.ToBuilder();
        foreach (var tp in removed.Filters)
        {
            if (filters.Remove((tp.Tenant, tp.Id)))
            {
                writes.Add(new JournalWrite(FiltersCollection, tp.Tenant + ":" + tp.Id, null));
            }
        }
        return Staged(filters.ToImmutable(), kind => kind.PrepareRemoveTp(removed, options), errors, writes);
    }

    /// <summary>Every kind's change prepared (<paramref name="prepare"/>) and indexed against <paramref name="filters"/> (a
    /// broken filter reference is the error), then a commit that stores the writes and swaps filters and profiles in
    /// together.</summary>
    private PreparedPlanLoad Staged(ImmutableDictionary<(string, string), FilterDefinition> filters,
        Func<IProfileKind, (IReadOnlyList<TariffPlanError> Errors, IReadOnlyList<JournalWrite> Writes, Func<FilterService, Func<ValueTask>>? Stage)> prepare,
        List<TariffPlanError> errors, List<JournalWrite> writes)
    {
        var stagers = new List<Func<FilterService, Func<ValueTask>>>();
        foreach (var kind in _kinds)
        {
            var (kindErrors, kindWrites, stage) = prepare(kind);
            errors.AddRange(kindErrors);
            writes.AddRange(kindWrites);
            if (stage is not null)
            {
                stagers.Add(stage);
            }
        }
        if (errors.Count > 0)
        {
            return new PreparedPlanLoad(errors, _ => ValueTask.CompletedTask);
        }
        var table = new FilterTable(filters.Values.Select(f => f.Compile()));
        var staging = new FilterService(table, Environment);
        List<Func<ValueTask>> swaps;
        try
        {
            swaps = [.. stagers.Select(stage => stage(staging))];
        }
        catch (FilterDefinitionException e)
        {
            return new PreparedPlanLoad([new TariffPlanError("Filters.csv", 0, "", e.Message)], _ => ValueTask.CompletedTask);
        }
        return new PreparedPlanLoad([], async cancellationToken =>
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WriteAsync(writes, cancellationToken, stampLoadIds: false).ConfigureAwait(false);
                _filters = filters;
                _filterStore.Table = table;
                foreach (var swap in swaps)
                {
                    await swap().ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }
        });
    }

    private static string StripLocation(string message, SourceLocation location)
    {
        var prefix = location + ": ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }
}
