using Obol.Events;

namespace Obol.Cdrs;

/// <summary>The CDR as an event for StatS, ThresholdS and EEs (CDR.AsMapStringIface, CDR.AsCGREvent).</summary>
public static class CdrEvents
{
    /// <summary>CDR.AsMapStringIface: extra fields first, then the main fields over them, typed (Usage, Instant,
    /// decimal Cost, long OrderID); CostDetails only when present, as the decoded EventCost map, decoded here or, with
    /// <paramref name="decodeWhenRead"/>, by the first reader that looks into it (<see cref="LazyJsonDictionary"/>).</summary>
    public static Dictionary<string, object?> ToEventFields(this Cdr cdr, bool decodeWhenRead = false)
    {
        var fields = new Dictionary<string, object?>(cdr.ExtraFields.Count + 24, StringComparer.Ordinal);
        foreach (var (name, value) in cdr.ExtraFields)
        {
            fields[name] = value;
        }
        fields[CdrFields.Cgrid] = cdr.Cgrid;
        fields[CdrFields.RunId] = cdr.RunId;
        fields[CdrFields.OrderId] = cdr.OrderId;
        fields[CdrFields.OriginHost] = cdr.OriginHost;
        fields[CdrFields.Source] = cdr.Source;
        fields[CdrFields.OriginId] = cdr.OriginId;
        fields[CdrFields.ToR] = cdr.ToR;
        fields[CdrFields.RequestType] = cdr.RequestType;
        fields[CdrFields.Tenant] = cdr.Tenant;
        fields[CdrFields.Category] = cdr.Category;
        fields[CdrFields.Account] = cdr.Account;
        fields[CdrFields.Subject] = cdr.Subject;
        fields[CdrFields.Destination] = cdr.Destination;
        fields[CdrFields.SetupTime] = cdr.SetupTime;
        fields[CdrFields.AnswerTime] = cdr.AnswerTime;
        fields[CdrFields.Usage] = cdr.Usage;
        fields[CdrFields.ExtraInfo] = cdr.ExtraInfo;
        fields[CdrFields.Partial] = cdr.Partial;
        fields[CdrFields.PreRated] = cdr.PreRated;
        fields[CdrFields.CostSource] = cdr.CostSource;
        fields[CdrFields.Cost] = cdr.Cost;
        if (cdr.CostDetails is { } details)
        {
            var costDetails = new LazyJsonDictionary(details);
            fields[CdrFields.CostDetails] = decodeWhenRead ? costDetails : costDetails.Map;
        }
        return fields;
    }

    /// <summary>CDR.AsCGREvent: tenant of the CDR, a fresh 7-hex-digit ID unless given, empty APIOpts.</summary>
    public static CgrEvent ToCgrEvent(this Cdr cdr, string? eventId = null) => new()
    {
        Tenant = cdr.Tenant,
        Id = eventId ?? Cgrid.NewEventId(),
        Event = cdr.ToEventFields(),
    };
}
