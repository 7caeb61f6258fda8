namespace Obol.Ips;

/// <summary>How a pool picks among its free addresses.</summary>
public enum IpPoolStrategy
{
    /// <summary><c>*ascending</c> (and an empty Strategy): the lowest free address.</summary>
    Ascending,

    /// <summary><c>*descending</c>: the highest free address.</summary>
    Descending,

    /// <summary><c>*random</c>: any free address.</summary>
    Random,
}

/// <summary>One pool of an IP profile (engine.IPPool): its addresses, the reply message of an allocation on it, and its
/// place among the profile's pools (by weight, cut after a blocker).</summary>
public sealed record IpPool(string Id, IpRange Range)
{
    public IReadOnlyList<string> FilterIds { get; init; } = [];

    /// <summary>The Type as written: empty, <c>*ipv4</c> or <c>*ipv6</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The Strategy as written; <see cref="Picking"/> is what it means.</summary>
    public string Strategy { get; init; } = "";

    public IpPoolStrategy Picking { get; init; }

    public string Message { get; init; } = "";

    public decimal Weight { get; init; }

    public bool Blocker { get; init; }
}
