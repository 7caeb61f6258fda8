using NodaTime;
using Obol.Primitives;

namespace Obol.Resources;

/// <summary>
/// The usage state of one resource (engine.Resource): the usages it holds and, for those that expire, their IDs in
/// the order they were recorded (TTLIdx). Not thread-safe: <see cref="ResourceService"/> mutates it under the
/// resource's lock and hands out copies.
/// </summary>
public sealed partial class Resource
{
    private readonly Dictionary<string, ResourceUsage> _usages = new(StringComparer.Ordinal);

    // Kept with every change, so a limit check does not walk thousands of usages on a busy resource.
    private decimal _total;

    // Null until a usage with an expiry is recorded, so the JSON says null where Go's nil slice does.
    private List<string>? _ttlIndex;

    public Resource(string tenant, string id)
    {
        Tenant = tenant;
        Id = id;
    }

    public string Tenant { get; }

    public string Id { get; }

    public IReadOnlyDictionary<string, ResourceUsage> Usages => _usages;

    public IReadOnlyList<string>? TtlIndex => _ttlIndex;

    /// <summary>Resource.TotalUsage: the units of every usage held, expired ones included until they are purged.</summary>
    public decimal TotalUsage => _total;

    /// <summary>
    /// The usage TTL the last matching chose (Resource.ttl): not stored, and kept between calls, as CGRateS keeps it
    /// on the cached resource. Null records usages without expiry.
    /// </summary>
    internal Usage? Ttl { get; set; }

    public Resource Clone()
    {
        var clone = new Resource(Tenant, Id) { Ttl = Ttl, _total = _total };
        foreach (var (id, usage) in _usages)
        {
            clone._usages[id] = usage;
        }
        clone._ttlIndex = _ttlIndex is null ? null : [.. _ttlIndex];
        return clone;
    }

    /// <summary>removeExpiredUnits: drops the expired usages at the head of TTLIdx, up to the first still active one.
    /// A later-recorded usage with a shorter TTL waits behind an earlier one, as in CGRateS.</summary>
    internal void RemoveExpired(Instant now)
    {
        if (_ttlIndex is null)
        {
            return;
        }
        var firstActive = 0;
        foreach (var id in _ttlIndex)
        {
            if (_usages.TryGetValue(id, out var usage) && usage.IsActiveAt(now))
            {
                break;
            }
            firstActive++;
        }
        if (firstActive == 0)
        {
            return;
        }
        for (var i = 0; i < firstActive; i++)
        {
            if (_usages.Remove(_ttlIndex[i], out var expired))
            {
                _total -= expired.Units;
            }
        }
        _ttlIndex.RemoveRange(0, firstActive);
    }

    /// <summary>recordUsage: null on success. A TTL of 0 records nothing; any other TTL but -1 sets the expiry.</summary>
    internal string? Record(ResourceUsage usage, Instant now)
    {
        if (_usages.ContainsKey(usage.Id))
        {
            return $"duplicate resource usage with id: {usage.Tenant}:{usage.Id}";
        }
        if (Ttl is { } ttl && !ttl.IsUnlimited)
        {
            if (ttl == Usage.Zero)
            {
                return null;
            }
            usage = usage with { ExpiryTime = now.PlusNanoseconds(ttl.Nanoseconds) };
        }
        _usages[usage.Id] = usage;
        _total += usage.Units;
        if (usage.Expires)
        {
            (_ttlIndex ??= []).Add(usage.Id);
        }
        return null;
    }

    /// <summary>clearUsage: gives the units back; the error when the usage is not held.</summary>
    internal string? Clear(string usageId)
    {
        if (!_usages.Remove(usageId, out var usage))
        {
            return $"cannot find usage record with id: {usageId}";
        }
        _total -= usage.Units;
        if (usage.Expires)
        {
            _ttlIndex?.Remove(usageId);
        }
        return null;
    }
}
