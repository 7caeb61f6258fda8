using Obol.Filters;

namespace Obol.Profiles;

/// <summary>The live filter profiles, swapped whole by the catalog so FilterS never sees half a change.</summary>
internal sealed class CatalogFilterStore : IFilterStore
{
    private volatile FilterTable _table = new([]);

    public FilterTable Table
    {
        get => _table;
        set => _table = value;
    }

    public Filter? FindFilter(string tenant, string id) => _table.FindFilter(tenant, id);
}
