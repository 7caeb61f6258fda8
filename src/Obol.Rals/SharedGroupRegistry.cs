using System.Collections.Concurrent;
using Obol.Accounting;

namespace Obol.Rals;

/// <summary>
/// Shared groups as loaded from SharedGroups.csv, with members added as accounts receive balances in a group
/// (CGRateS keeps MemberIds in DataDB and adds to it on top-up). Replaced whole on reload; members carry over.
/// </summary>
internal sealed class SharedGroupRegistry : ISharedGroupSource
{
    private volatile Dictionary<string, SharedGroup> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _members = new(StringComparer.Ordinal);

    public SharedGroup? GetSharedGroup(string id)
    {
        if (!_groups.TryGetValue(id, out var group))
        {
            return null;
        }
        if (!_members.TryGetValue(id, out var members) || members.IsEmpty)
        {
            return group;
        }
        var merged = new HashSet<string>(group.MemberIds, StringComparer.Ordinal);
        merged.UnionWith(members.Keys);
        return new SharedGroup { Id = group.Id, AccountParameters = group.AccountParameters, MemberIds = merged };
    }

    public void Replace(IEnumerable<SharedGroup> groups) => _groups = groups.ToDictionary(g => g.Id, StringComparer.Ordinal);

    public void Join(string groupId, string accountId) =>
        _members.GetOrAdd(groupId, static _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal))[accountId] = true;
}
