namespace Obol.Ips;

/// <summary>
/// Where IPs keeps the allocations of <c>Stored</c> profiles. <see cref="SaveAsync"/> is called while the allocations
/// are still locked, so saves of one profile's allocations arrive in the order of their changes; a save completes once
/// the state is durable. The JSON is <see cref="IpAllocations.ToJson"/>, what <see cref="IpService.TryRestore"/> takes
/// back at start-up.
/// </summary>
public interface IIpAllocationStore
{
    ValueTask SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken);

    /// <summary>The allocations started over (the profile's TTL changed) or are gone (the profile was removed).</summary>
    ValueTask RemoveAsync(string tenant, string id, CancellationToken cancellationToken);
}
