using System.Net;
using NodaTime;
using Obol.Primitives;

namespace Obol.Ips;

/// <summary>
/// The allocations of one IP profile (engine.IPAllocations): who holds which address, and in what order they expire.
/// An address is held once per profile whichever of its pools handed it out, so overlapping pools never give it twice.
/// Not thread-safe: <see cref="IpService"/> holds the profile's lock around every use.
/// </summary>
public sealed partial class IpAllocations
{
    private readonly Dictionary<string, PoolAllocation> _allocations = new(StringComparer.Ordinal);
    private readonly Dictionary<IPAddress, string> _holders = [];
    // Oldest first: an allocation made or renewed goes to the end, so expiry stops at the first one still alive.
    private readonly LinkedList<string> _ttlOrder = new();
    private readonly Dictionary<string, LinkedListNode<string>> _ttlNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<IpRange, FreeWindow> _windows = new(ReferenceEqualityComparer.Instance);

    public IpAllocations(string tenant, string id) => (Tenant, Id) = (tenant, id);

    public string Tenant { get; }

    public string Id { get; }

    public IReadOnlyDictionary<string, PoolAllocation> Allocations => _allocations;

    /// <summary>Allocation IDs, oldest first (CGRateS's TTLIndex).</summary>
    public IEnumerable<string> TtlIndex => _ttlOrder;

    /// <summary>The allocation holding <paramref name="address"/>, if any.</summary>
    public string? HolderOf(IPAddress address) => _holders.GetValueOrDefault(address);

    /// <summary>Drops the allocations made or renewed <paramref name="ttl"/> or longer ago; a TTL of zero or less keeps them.</summary>
    internal void RemoveExpired(Usage ttl, Instant now)
    {
        if (ttl <= Usage.Zero)
        {
            return;
        }
        var lifetime = Duration.FromNanoseconds(ttl.Nanoseconds);
        while (_ttlOrder.First is { } oldest && _allocations[oldest.Value].Time + lifetime <= now)
        {
            Release(oldest.Value);
        }
    }

    /// <summary>
    /// allocateIPOnPool: an allocation ID that holds an address keeps it (renewed unless <paramref name="dryRun"/>);
    /// otherwise the pool's strategy picks a free address, recorded unless <paramref name="dryRun"/>. The error is the
    /// pool's being full, carrying <see cref="IpErrors.AlreadyAllocated"/>.
    /// </summary>
    internal (AllocatedIp? Ip, string? Error) Allocate(IpProfile profile, string allocationId, IpPool pool, bool dryRun, Instant now)
    {
        if (_allocations.TryGetValue(allocationId, out var held))
        {
            if (!dryRun)
            {
                _allocations[allocationId] = held with { Time = now };
                MoveToEnd(allocationId);
            }
            var heldPool = profile.Pool(held.PoolId);
            return (new AllocatedIp(Id, held.PoolId, heldPool?.Message ?? pool.Message, held.Address), null);
        }
        if (!TryFindFree(pool, out var address))
        {
            return (null, pool.Range.IsSingle
                ? $"allocation failed for pool \"{pool.Id}\", IP \"{pool.Range.First}\": {IpErrors.AlreadyAllocated} (allocated to \"{_holders[pool.Range.First]}\")"
                : $"allocation failed for pool \"{pool.Id}\", range \"{pool.Range.Text}\": {IpErrors.AlreadyAllocated} (all {pool.Range.Count} addresses allocated)");
        }
        if (!dryRun)
        {
            Record(allocationId, new PoolAllocation(pool.Id, address, now));
        }
        return (new AllocatedIp(Id, pool.Id, pool.Message, address), null);
    }

    /// <summary>Gives the allocation's address back; false when there is no such allocation.</summary>
    internal bool Release(string allocationId)
    {
        if (!_allocations.Remove(allocationId, out var allocation))
        {
            return false;
        }
        if (_holders.TryGetValue(allocation.Address, out var holder) && holder == allocationId)
        {
            _holders.Remove(allocation.Address);
            foreach (var (range, window) in _windows)
            {
                if (range.TryOffsetOf(allocation.Address, out var offset))
                {
                    window.Freed(offset);
                }
            }
        }
        if (_ttlNodes.Remove(allocationId, out var node))
        {
            _ttlOrder.Remove(node);
        }
        return true;
    }

    /// <summary>clearAllocations: the named allocations, all or none (the error names the missing ones, as Go prints a
    /// slice), or every allocation when none is named.</summary>
    internal string? Clear(IReadOnlyList<string>? allocationIds)
    {
        if (allocationIds is null || allocationIds.Count == 0)
        {
            _allocations.Clear();
            _holders.Clear();
            _ttlOrder.Clear();
            _ttlNodes.Clear();
            _windows.Clear();
            return null;
        }
        var missing = allocationIds.Where(id => !_allocations.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            return $"cannot find allocation records with ids: [{string.Join(' ', missing)}]";
        }
        foreach (var id in allocationIds)
        {
            Release(id);
        }
        return null;
    }

    public IpAllocations Clone()
    {
        var copy = new IpAllocations(Tenant, Id);
        foreach (var id in _ttlOrder)
        {
            copy.Record(id, _allocations[id]);
        }
        return copy;
    }

    private void Record(string allocationId, PoolAllocation allocation)
    {
        _allocations[allocationId] = allocation;
        _holders[allocation.Address] = allocationId;
        MoveToEnd(allocationId);
    }

    private void MoveToEnd(string allocationId)
    {
        if (_ttlNodes.Remove(allocationId, out var node))
        {
            _ttlOrder.Remove(node);
        }
        _ttlNodes[allocationId] = _ttlOrder.AddLast(allocationId);
    }

    private bool TryFindFree(IpPool pool, out IPAddress address)
    {
        var range = pool.Range;
        if (!_windows.TryGetValue(range, out var window))
        {
            window = new FreeWindow(range.Count);
            _windows[range] = window;
        }
        address = IPAddress.None;
        if (window.IsEmpty)
        {
            return false;
        }
        var found = pool.Picking switch
        {
            IpPoolStrategy.Descending => window.ScanDown(o => IsFree(range, o)),
            IpPoolStrategy.Random => window.ScanFrom(window.RandomOffset(), o => IsFree(range, o)),
            _ => window.ScanUp(o => IsFree(range, o)),
        };
        if (found is not { } offset)
        {
            return false;
        }
        address = range.AddressAt(offset);
        return true;
    }

    private bool IsFree(IpRange range, UInt128 offset) => !_holders.ContainsKey(range.AddressAt(offset));
}
