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
        var stagers = new List<Func<FilterService, Func<ValueTask>>>();
        foreach (var kind in _kinds)
        {
            var (kindErrors, kindWrites, stage) = kind.PrepareTp(plan, options);
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
        var merged = filters.ToImmutable();
        var table = new FilterTable(merged.Values.Select(f => f.Compile()));
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
                _filters = merged;
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
