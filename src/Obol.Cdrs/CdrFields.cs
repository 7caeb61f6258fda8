using System.Collections.Frozen;

namespace Obol.Cdrs;

/// <summary>The CDR field names as CGRateS spells them (utils/consts.go), in engine.CDR's declaration order.</summary>
public static class CdrFields
{
    public const string Cgrid = "CGRID";
    public const string RunId = "RunID";
    public const string OrderId = "OrderID";
    public const string OriginHost = "OriginHost";
    public const string Source = "Source";
    public const string OriginId = "OriginID";
    public const string ToR = "ToR";
    public const string RequestType = "RequestType";
    public const string Tenant = "Tenant";
    public const string Category = "Category";
    public const string Account = "Account";
    public const string Subject = "Subject";
    public const string Destination = "Destination";
    public const string SetupTime = "SetupTime";
    public const string AnswerTime = "AnswerTime";
    public const string Usage = "Usage";
    public const string ExtraFields = "ExtraFields";
    public const string ExtraInfo = "ExtraInfo";
    public const string Partial = "Partial";
    public const string PreRated = "PreRated";
    public const string CostSource = "CostSource";
    public const string Cost = "Cost";
    public const string CostDetails = "CostDetails";

    /// <summary>In utils.MainCDRFields but handled by no case of MapEvent.AsCDR, so an event carrying it is refused.</summary>
    public const string Rated = "Rated";

    /// <summary>utils.MainCDRFields: event fields that map onto a CDR field; every other event field is an extra field.</summary>
    public static readonly FrozenSet<string> Main = FrozenSet.Create(StringComparer.Ordinal,
        Cgrid, Source, OriginHost, OriginId, ToR, RequestType, Tenant, Category, Account, Subject, Destination,
        SetupTime, AnswerTime, Usage, Cost, Rated, Partial, RunId, PreRated, CostSource, CostDetails, ExtraInfo, OrderId);
}
