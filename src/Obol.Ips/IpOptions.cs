namespace Obol.Ips;

/// <summary>The APIOpts IPs reads (utils.OptsIPs…).</summary>
public static class IpOptions
{
    /// <summary>The allocation's ID; SessionS sets it to the call's OriginID.</summary>
    public const string AllocationId = "*ipAllocationID";
}
