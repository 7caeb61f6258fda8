using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Obol.Events;

namespace Obol.Cdrs;

/// <summary>
/// engine.ExternalCDR as a client sends it (CDRsV1.ProcessExternalCDR): the CDR with times, usage and CostDetails as
/// strings. Member names match Go's case-insensitively, as encoding/json does; a JSON value of the wrong kind (a number
/// for Usage) is refused while decoding, as Go refuses it.
/// </summary>
public record ExternalCdr
{
    public string? Cgrid { get; init; }
    public string? RunId { get; init; }
    public long OrderId { get; init; }
    public string? OriginHost { get; init; }
    public string? Source { get; init; }
    public string? OriginId { get; init; }
    public string? ToR { get; init; }
    public string? RequestType { get; init; }
    public string? Tenant { get; init; }
    public string? Category { get; init; }
    public string? Account { get; init; }
    public string? Subject { get; init; }
    public string? Destination { get; init; }
    public string? SetupTime { get; init; }
    public string? AnswerTime { get; init; }
    public string? Usage { get; init; }
    public Dictionary<string, string>? ExtraFields { get; init; }
    public string? CostSource { get; init; }
    public decimal Cost { get; init; }
    public string? CostDetails { get; init; }
    public string? ExtraInfo { get; init; }
    public bool PreRated { get; init; }

    /// <summary>
    /// NewCDRFromExternalCDR: times through ParseTimeDetectLayout in <paramref name="timezone"/>, usage through
    /// ParseDurationWithNanosecs, CostDetails decoded, a missing CGRID computed. ExtraInfo is dropped and Cost is
    /// taken as given (0 when absent, Go's zero), as CGRateS does. Errors carry Go's texts, unwrapped.
    /// </summary>
    public bool TryToCdr(DateTimeZone timezone, Instant now, [NotNullWhen(true)] out Cdr? cdr, [NotNullWhen(false)] out string? error)
    {
        cdr = null;
        var built = new Cdr
        {
            Cgrid = Cgrid ?? "",
            RunId = RunId ?? "",
            OrderId = OrderId,
            ToR = ToR ?? "",
            OriginId = OriginId ?? "",
            OriginHost = OriginHost ?? "",
            Source = Source ?? "",
            RequestType = RequestType ?? "",
            Tenant = Tenant ?? "",
            Category = Category ?? "",
            Account = Account ?? "",
            Subject = Subject ?? "",
            Destination = Destination ?? "",
            CostSource = CostSource ?? "",
            Cost = Cost,
            PreRated = PreRated,
        };
        if (!string.IsNullOrEmpty(SetupTime))
        {
            if (!EventValues.TryAsTime(SetupTime, timezone, now, out var setup, out error))
            {
                return false;
            }
            built.SetupTime = setup;
        }
        if (built.Cgrid.Length == 0)
        {
            built.ComputeCgrid();
        }
        if (!string.IsNullOrEmpty(AnswerTime))
        {
            if (!EventValues.TryAsTime(AnswerTime, timezone, now, out var answer, out error))
            {
                return false;
            }
            built.AnswerTime = answer;
        }
        if (!string.IsNullOrEmpty(Usage))
        {
            // ParseDurationWithNanosecs: a number is nanoseconds, fractions included ("1.5" is 1.5ns).
            var text = Usage.Contains('.', StringComparison.Ordinal) && double.TryParse(Usage, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? Usage + "ns"
                : Usage;
            if (!EventValues.TryAsUsage(text, out var usage, out error))
            {
                return false;
            }
            built.Usage = usage;
        }
        if (!string.IsNullOrEmpty(CostDetails) && !TryReadCostDetails(CostDetails, built, out error))
        {
            return false;
        }
        foreach (var (name, value) in ExtraFields ?? [])
        {
            built.ExtraFields[name] = value;
        }
        cdr = built;
        error = null;
        return true;
    }

    private static bool TryReadCostDetails(string json, Cdr cdr, [NotNullWhen(false)] out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            switch (document.RootElement.ValueKind)
            {
                case JsonValueKind.Object:
                    cdr.CostDetails = document.RootElement.GetRawText();
                    break;
                case JsonValueKind.Null:
                    // CGRateS would hold an empty EventCost here; an empty one prices nothing and refunds nothing.
                    break;
                default:
                    error = $"json: cannot unmarshal {GoKind(document.RootElement.ValueKind)} into Go value of type engine.EventCost";
                    return false;
            }
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "bool",
    };
}
