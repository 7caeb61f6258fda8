using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Cdrs;

/// <summary>
/// The two JSON shapes CGRateS answers CDR queries with: engine.CDR (CDRsV1.GetCDRs; also the stored form) and
/// engine.ExternalCDR (APIerSv2.GetCDRs). Fields in Go's declaration order, map keys sorted as Go sorts them.
/// </summary>
public static class CdrJson
{
    /// <summary>engine.CDR: times RFC3339Nano, Usage integer nanoseconds, Cost a float, CostDetails the EventCost
    /// object or null.</summary>
    public static string Serialize(Cdr cdr) => JsonValues.Write(writer => Write(writer, cdr));

    /// <summary>A <c>[]*engine.CDR</c> reply.</summary>
    public static string SerializeList(IEnumerable<Cdr> cdrs) => JsonValues.Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var cdr in cdrs)
        {
            Write(writer, cdr);
        }
        writer.WriteEndArray();
    });

    public static void Write(Utf8JsonWriter writer, Cdr cdr)
    {
        writer.WriteStartObject();
        WriteIdentity(writer, cdr);
        writer.WriteString(CdrFields.SetupTime, JsonValues.Rfc3339Nano.Format(cdr.SetupTime));
        writer.WriteString(CdrFields.AnswerTime, JsonValues.Rfc3339Nano.Format(cdr.AnswerTime));
        writer.WriteNumber(CdrFields.Usage, cdr.Usage.Nanoseconds);
        WriteExtraFields(writer, cdr);
        writer.WriteString(CdrFields.ExtraInfo, cdr.ExtraInfo);
        writer.WriteBoolean(CdrFields.Partial, cdr.Partial);
        writer.WriteBoolean(CdrFields.PreRated, cdr.PreRated);
        writer.WriteString(CdrFields.CostSource, cdr.CostSource);
        JsonValues.WriteFloat(writer, CdrFields.Cost, cdr.Cost);
        writer.WritePropertyName(CdrFields.CostDetails);
        if (cdr.CostDetails is { } details)
        {
            writer.WriteRawValue(details);
        }
        else
        {
            writer.WriteNullValue();
        }
        writer.WriteEndObject();
    }

    /// <summary>engine.ExternalCDR (CDR.AsExternalCDR): times RFC3339 (whole seconds), Usage a Go duration string
    /// for *voice and a nanosecond integer string otherwise, CostDetails a JSON string (<c>"null"</c> when none),
    /// no Partial.</summary>
    public static void WriteExternal(Utf8JsonWriter writer, Cdr cdr)
    {
        writer.WriteStartObject();
        WriteIdentity(writer, cdr);
        writer.WriteString(CdrFields.SetupTime, JsonValues.Rfc3339.Format(cdr.SetupTime));
        writer.WriteString(CdrFields.AnswerTime, JsonValues.Rfc3339.Format(cdr.AnswerTime));
        writer.WriteString(CdrFields.Usage, cdr.ToR == Meta.Voice
            ? cdr.Usage.ToString()
            : cdr.Usage.Nanoseconds.ToString(CultureInfo.InvariantCulture));
        WriteExtraFields(writer, cdr);
        writer.WriteString(CdrFields.CostSource, cdr.CostSource);
        JsonValues.WriteFloat(writer, CdrFields.Cost, cdr.Cost);
        writer.WriteString(CdrFields.CostDetails, cdr.CostDetails ?? "null");
        writer.WriteString(CdrFields.ExtraInfo, cdr.ExtraInfo);
        writer.WriteBoolean(CdrFields.PreRated, cdr.PreRated);
        writer.WriteEndObject();
    }

    /// <summary>A <c>[]*engine.ExternalCDR</c> reply (<c>[]</c> when none, as APIerSv2.GetCDRs answers).</summary>
    public static string SerializeExternalList(IEnumerable<Cdr> cdrs) => JsonValues.Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var cdr in cdrs)
        {
            WriteExternal(writer, cdr);
        }
        writer.WriteEndArray();
    });

    /// <summary>Reads either shape (NewCDRFromExternalCDR for string times/usage). Zone-less times are UTC.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out Cdr? cdr, [NotNullWhen(false)] out string? error)
    {
        cdr = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return TryRead(document.RootElement, out cdr, out error);
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }

    public static bool TryRead(JsonElement element, [NotNullWhen(true)] out Cdr? cdr, [NotNullWhen(false)] out string? error)
    {
        cdr = null;
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"a CDR must be a JSON object, not {element.ValueKind}";
            return false;
        }
        var read = new Cdr();
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (!TryReadField(read, property.Name, value, out var message))
            {
                error = $"{property.Name}: {message}";
                return false;
            }
        }
        cdr = read;
        return true;
    }

    private static bool TryReadField(Cdr cdr, string name, JsonElement value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        switch (name)
        {
            case CdrFields.OrderId:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var orderId))
                {
                    error = "not an int64";
                    return false;
                }
                cdr.OrderId = orderId;
                return true;
            case CdrFields.SetupTime or CdrFields.AnswerTime:
                if (!EventValues.TryAsTime(value.ValueKind == JsonValueKind.Null ? "" : JsonValues.ToObject(value),
                        DateTimeZone.Utc, Cdr.ZeroTime, out var time, out error))
                {
                    return false;
                }
                if (name == CdrFields.SetupTime) { cdr.SetupTime = time; } else { cdr.AnswerTime = time; }
                return true;
            case CdrFields.Usage:
                if (!Obol.Events.EventValues.TryAsUsage(JsonValues.ToObject(value), out var usage, out error))
                {
                    return false;
                }
                cdr.Usage = usage;
                return true;
            case CdrFields.Cost:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    error = "not a number";
                    return false;
                }
                cdr.Cost = decimal.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
                return true;
            case CdrFields.Partial or CdrFields.PreRated:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    error = "not a bool";
                    return false;
                }
                if (name == CdrFields.Partial) { cdr.Partial = value.GetBoolean(); } else { cdr.PreRated = value.GetBoolean(); }
                return true;
            case CdrFields.ExtraFields:
                cdr.ExtraFields.Clear();
                if (value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in value.EnumerateObject())
                    {
                        cdr.ExtraFields[field.Name] = field.Value.ValueKind == JsonValueKind.String
                            ? field.Value.GetString() ?? ""
                            : field.Value.GetRawText();
                    }
                }
                return true;
            case CdrFields.CostDetails:
                // The object of engine.CDR or the JSON string of ExternalCDR ("null" or "" when none).
                if (value.ValueKind == JsonValueKind.Object)
                {
                    cdr.CostDetails = value.GetRawText(); // kept verbatim so a stored CDR reads back byte for byte
                    return true;
                }
                var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                if (!CdrValues.TryAsCostDetails(string.IsNullOrEmpty(text) ? null : text, out var details, out error))
                {
                    return false;
                }
                cdr.CostDetails = details;
                return true;
            default:
                if (value.ValueKind == JsonValueKind.String)
                {
                    SetString(cdr, name, value.GetString() ?? "");
                }
                // Unknown fields are ignored, as encoding/json ignores them.
                return true;
        }
    }

    private static void SetString(Cdr cdr, string name, string value)
    {
        switch (name)
        {
            case CdrFields.Cgrid: cdr.Cgrid = value; break;
            case CdrFields.RunId: cdr.RunId = value; break;
            case CdrFields.OriginHost: cdr.OriginHost = value; break;
            case CdrFields.Source: cdr.Source = value; break;
            case CdrFields.OriginId: cdr.OriginId = value; break;
            case CdrFields.ToR: cdr.ToR = value; break;
            case CdrFields.RequestType: cdr.RequestType = value; break;
            case CdrFields.Tenant: cdr.Tenant = value; break;
            case CdrFields.Category: cdr.Category = value; break;
            case CdrFields.Account: cdr.Account = value; break;
            case CdrFields.Subject: cdr.Subject = value; break;
            case CdrFields.Destination: cdr.Destination = value; break;
            case CdrFields.ExtraInfo: cdr.ExtraInfo = value; break;
            case CdrFields.CostSource: cdr.CostSource = value; break;
        }
    }

    private static void WriteIdentity(Utf8JsonWriter writer, Cdr cdr)
    {
        writer.WriteString(CdrFields.Cgrid, cdr.Cgrid);
        writer.WriteString(CdrFields.RunId, cdr.RunId);
        writer.WriteNumber(CdrFields.OrderId, cdr.OrderId);
        writer.WriteString(CdrFields.OriginHost, cdr.OriginHost);
        writer.WriteString(CdrFields.Source, cdr.Source);
        writer.WriteString(CdrFields.OriginId, cdr.OriginId);
        writer.WriteString(CdrFields.ToR, cdr.ToR);
        writer.WriteString(CdrFields.RequestType, cdr.RequestType);
        writer.WriteString(CdrFields.Tenant, cdr.Tenant);
        writer.WriteString(CdrFields.Category, cdr.Category);
        writer.WriteString(CdrFields.Account, cdr.Account);
        writer.WriteString(CdrFields.Subject, cdr.Subject);
        writer.WriteString(CdrFields.Destination, cdr.Destination);
    }

    private static void WriteExtraFields(Utf8JsonWriter writer, Cdr cdr)
    {
        writer.WriteStartObject(CdrFields.ExtraFields);
        foreach (var (name, value) in cdr.ExtraFields.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, value);
        }
        writer.WriteEndObject();
    }
}
