namespace Obol.Resources;

/// <summary>
/// The APIOpts ResourceS reads (utils/consts.go, CGRateS master). These are the event option names; the
/// cgrates.json <c>resources.opts</c> keys (<c>*usageID</c>, <c>*usageTTL</c>, <c>*units</c>) give their defaults.
/// </summary>
public static class ResourceOptions
{
    /// <summary>The usage (typically the call's OriginID) an allocation is recorded and released under.</summary>
    public const string UsageId = "*rsUsageID";

    /// <summary>Overrides the profile's UsageTTL for this call (0 keeps the TTL the resource last used).</summary>
    public const string UsageTtl = "*rsUsageTTL";

    /// <summary>Units to allocate (default 1).</summary>
    public const string Units = "*rsUnits";
}

/// <summary>The event ResourceS sends ThresholdS after a usage change.</summary>
public static class ResourceEvents
{
    public const string ResourceUpdate = "ResourceUpdate";
    public const string EventTypeField = "EventType";
    public const string ResourceIdField = "ResourceID";
    public const string UsageField = "Usage";
    public const string EventTypeOption = "*eventType";
    public const string ThresholdIdsOption = "*thdProfileIDs";
}

/// <summary>ResourceS's own wire errors (utils/errors.go).</summary>
public static class ResourceErrors
{
    /// <summary>AllocateResources: no matched resource has room for the units.</summary>
    public const string Unavailable = "RESOURCE_UNAVAILABLE";

    /// <summary>AuthorizeResources: no matched resource would have room for the units.</summary>
    public const string Unauthorized = "RESOURCE_UNAUTHORIZED";
}
