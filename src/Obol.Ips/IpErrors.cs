namespace Obol.Ips;

/// <summary>CGRateS's IPs error strings (utils/errors.go).</summary>
public static class IpErrors
{
    /// <summary>AuthorizeIP when every pool the event reaches is full.</summary>
    public const string Unauthorized = "IP_UNAUTHORIZED";

    /// <summary>A pool with no free address; AllocateIP's error text carries it.</summary>
    public const string AlreadyAllocated = "IP_ALREADY_ALLOCATED";
}
