using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>One ID a row refers to, checked after every file is read. <see cref="Tenant"/> is empty for global IDs.</summary>
internal readonly record struct PendingReference(ReferenceRule Rule, string Tenant, string Id, SourceLocation Location, string Column);

/// <summary>The references of the rows that were accepted, in reading order.</summary>
internal sealed class ReferenceCollector
{
    private readonly List<PendingReference> _pending = [];

    public IReadOnlyList<PendingReference> Pending => _pending;

    public void Add(ReferenceRule rule, string id, PlanRow row, int column, string tenant = "") =>
        _pending.Add(new PendingReference(rule, tenant, id, row.Location, row.ColumnName(column)));

    /// <summary>Filter IDs of a profile: inline filters (<c>*string:~*req.Account:1001</c>) need no Filters.csv entry.</summary>
    public void AddFilters(string tenant, string[] filterIds, PlanRow row, int column)
    {
        foreach (var id in filterIds)
        {
            if (!InlineFilters.IsInline(id))
            {
                Add(ReferenceRule.ProfileFilter, id, row, column, tenant);
            }
        }
    }

    /// <summary>IDs where <c>*none</c> means "no reference".</summary>
    public void AddUnlessNone(ReferenceRule rule, string tenant, string[] ids, PlanRow row, int column)
    {
        foreach (var id in ids)
        {
            if (id != Meta.None)
            {
                Add(rule, id, row, column, tenant);
            }
        }
    }
}
