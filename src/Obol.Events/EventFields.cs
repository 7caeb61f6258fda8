namespace Obol.Events;

/// <summary>utils' event field names (utils/consts.go) the subsystems read.</summary>
public static class EventFields
{
    public const string Account = "Account";
    public const string Subject = "Subject";
    public const string Destination = "Destination";
    public const string Category = "Category";
    public const string RequestType = "RequestType";
    public const string ToR = "ToR";
    public const string Tenant = "Tenant";
    public const string RunId = "RunID";
    public const string Usage = "Usage";
    public const string SetupTime = "SetupTime";
    public const string AnswerTime = "AnswerTime";
    public const string OriginId = "OriginID";
    public const string OriginHost = "OriginHost";
    public const string Cost = "Cost";
    public const string Pdd = "PDD";
    public const string DisconnectCause = "DisconnectCause";
}

/// <summary>APIOpts keys (utils/consts.go Opts*) the subsystems read, spelled as CGRateS spells them.</summary>
public static class EventOptions
{
    public const string Context = "*context";
    public const string Subsys = "*subsys";
    public const string EventType = "*eventType";
    public const string AttributeProfileIds = "*attrProfileIDs";
    public const string ProcessRuns = "*attrProcessRuns";
    public const string ProfileRuns = "*attrProfileRuns";
    public const string AttributesProfileIgnoreFilters = "*attrProfileIgnoreFilters";
    public const string RoutesProfileCount = "*rouProfileCount";
    public const string RoutesLimit = "*rouLimit";
    public const string RoutesOffset = "*rouOffset";
    public const string RoutesIgnoreErrors = "*rouIgnoreErrors";
    public const string RoutesMaxCost = "*rouMaxCost";
    public const string StatIds = "*stsProfileIDs";
    public const string StatsProfileIgnoreFilters = "*stsProfileIgnoreFilters";
    public const string ThresholdIds = "*thdProfileIDs";
    public const string ThresholdsProfileIgnoreFilters = "*thdProfileIgnoreFilters";
    public const string UsageId = "*rsUsageID";
    public const string UsageTtl = "*rsUsageTTL";
    public const string Units = "*rsUnits";
    public const string EventUsage = "*usage";
    public const string AccountId = "*accountID";
}
