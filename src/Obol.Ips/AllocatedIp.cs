using System.Net;

namespace Obol.Ips;

/// <summary>engine.AllocatedIP: the address an event got (or would get), the pool and profile it came from, and the
/// pool's message.</summary>
public sealed record AllocatedIp(string ProfileId, string PoolId, string Message, IPAddress Address)
{
    /// <summary>The digest SessionS's *WithDigest replies carry: <c>ProfileID:PoolID:Message:Address</c>.</summary>
    public string Digest() => $"{ProfileId}:{PoolId}:{Message}:{Address}";
}

/// <summary>One allocation of an <see cref="IpAllocations"/> (engine.PoolAllocation).</summary>
public sealed record PoolAllocation(string PoolId, IPAddress Address, NodaTime.Instant Time);
