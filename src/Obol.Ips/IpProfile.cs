using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Ips;

/// <summary>
/// An IPs profile (engine.IPProfile, one IPs.csv row group): the events it serves (filters, activation) and the pools it
/// allocates from. An allocation lasts <see cref="Ttl"/> after it was made or last renewed; zero or negative keeps it
/// until it is released.
/// </summary>
public sealed record IpProfile(string Tenant, string Id) : IEventProfile
{
    public IReadOnlyList<string> FilterIds { get; init; } = [];

    public ActivationWindow? Activation { get; init; }

    public decimal Weight { get; init; }

    public Usage Ttl { get; init; }

    /// <summary>Its allocations are saved through <see cref="IIpAllocationStore"/>, so a restart does not hand out an
    /// address twice.</summary>
    public bool Stored { get; init; }

    public IReadOnlyList<IpPool> Pools { get; init; } = [];

    public IpPool? Pool(string id)
    {
        foreach (var pool in Pools)
        {
            if (pool.Id == id)
            {
                return pool;
            }
        }
        return null;
    }

    /// <summary>DataManager.SetIPProfile: the allocations start over when the TTL changes or the profile stops being
    /// stored.</summary>
    internal bool ResetsAllocationsOf(IpProfile previous) => Ttl != previous.Ttl || (previous.Stored && !Stored);
}
