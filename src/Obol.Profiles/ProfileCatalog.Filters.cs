using System.Collections.Immutable;
using System.Text.Json;
using Obol.Filters;
using Obol.GoJson;
using Obol.Primitives;

namespace Obol.Profiles;

public sealed partial class ProfileCatalog
{
    /// <summary>APIerSv1.SetFilter: every kind is re-indexed against the new filter before anything changes.</summary>
    public async ValueTask<string?> SetFilterAsync(FilterDefinition definition, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                definition.Compile();
            }
            catch (FilterDefinitionException e)
            {
                return AsApiError(e.Message);
            }
            var write = new JournalWrite(FiltersCollection, definition.Tenant + ":" + definition.Id,
                JsonSerializer.Serialize(definition, GoJsonOptions.Default));
            return await ChangeFiltersAsync(_filters.SetItem((definition.Tenant, definition.Id), definition), write, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>APIerSv1.RemoveFilter: refused while a profile still uses the filter.</summary>
    public async ValueTask<string?> RemoveFilterAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_filters.ContainsKey((tenant, id)))
            {
                return ErrorCodes.NotFound;
            }
            var write = new JournalWrite(FiltersCollection, tenant + ":" + id, null);
            return await ChangeFiltersAsync(_filters.Remove((tenant, id)), write, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<string?> ChangeFiltersAsync(ImmutableDictionary<(string, string), FilterDefinition> filters, JournalWrite write,
        CancellationToken cancellationToken)
    {
        var table = new FilterTable(filters.Values.Select(f => f.Compile()));
        List<Func<ValueTask>> swaps;
        try
        {
            swaps = StageAll(table);
        }
        catch (FilterDefinitionException e)
        {
            return AsApiError(e.Message);
        }
        await WriteAsync([write], cancellationToken).ConfigureAwait(false);
        _filters = filters;
        _filterStore.Table = table;
        foreach (var swap in swaps)
        {
            await swap().ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>Indexes every kind against <paramref name="table"/> without touching the live services.</summary>
    private List<Func<ValueTask>> StageAll(FilterTable table)
    {
        var staging = new FilterService(table, Environment);
        return [.. _kinds.Select(kind => kind.Stage(staging))];
    }
}
