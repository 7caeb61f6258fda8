using System.Buffers;

namespace Obol.Evapi;

/// <summary>
/// agents.KamReply: the engine's answer to CGR_AUTH_REQUEST, CGR_PROCESS_MESSAGE and CGR_PROCESS_CDR (one wire
/// shape for all three). Every field is always written, in this order, because the cfg reads them into $var()s
/// that keep the previous reply's value when a key is missing.
/// </summary>
public sealed class KamReply : IEvapiMessage
{
    /// <summary>The request's reply_route (even when empty), else the default name of the reply.</summary>
    public string Event { get; set; } = "";

    public string TransactionIndex { get; set; } = "";

    public string TransactionLabel { get; set; } = "";

    /// <summary>Attribute digest, <c>Field:Value,Field2:Value2</c>; the cfg splits it into $avp(Field).</summary>
    public string Attributes { get; set; } = "";

    public string ResourceAllocation { get; set; } = "";

    /// <summary>
    /// Whole seconds (<see cref="RoundMaxUsageSeconds"/>); 0 when not asked or not granted. Kamailio answers 403
    /// for 0 and 503 for -1 (dlg_set_timeout rejects it).
    /// </summary>
    public long MaxUsage { get; set; }

    /// <summary>Route digest, comma separated.</summary>
    public string Routes { get; set; } = "";

    /// <summary>Threshold IDs joined with ','.</summary>
    public string Thresholds { get; set; } = "";

    /// <summary>StatQueue IDs joined with ','.</summary>
    public string StatQueues { get; set; } = "";

    /// <summary>The SessionS error text; non-empty makes the cfg answer 503.</summary>
    public string Error { get; set; } = "";

    /// <summary>AsKamAuthReply's skeleton: named after reply_route, else CGR_AUTH_REPLY; transaction echoed.</summary>
    public static KamReply ForAuthRequest(KamEvent request) => For(request, KamEventNames.AuthReply);

    /// <summary>AsKamProcessMessageReply's skeleton (default name CGR_PROCESS_MESSAGE).</summary>
    public static KamReply ForProcessMessage(KamEvent request) => For(request, KamEventNames.ProcessMessage);

    /// <summary>AsKamProcessCDRReply's skeleton (default name CGR_PROCESS_CDR); only Error is ever filled in.</summary>
    public static KamReply ForProcessCdr(KamEvent request) => For(request, KamEventNames.ProcessCdr);

    /// <summary>
    /// MaxUsage as kamagent computes it: int(utils.Round(d.Seconds(), 0, *middle)), i.e. a fraction of 0.5 or more
    /// rounds up, anything less (and every negative fraction) rounds down.
    /// </summary>
    public static long RoundMaxUsageSeconds(long nanoseconds)
    {
        // Duration.Seconds() adds the whole and the fractional part separately to keep float precision.
        var seconds = (nanoseconds / 1_000_000_000) + ((nanoseconds % 1_000_000_000) / 1e9);
        var fraction = seconds - Math.Truncate(seconds);
        return (long)(fraction >= 0.5 ? Math.Ceiling(seconds) : Math.Floor(seconds));
    }

    public void WriteJson(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        GoJson.WriteRaw(writer, "{\"Event\":"u8);
        GoJson.WriteString(writer, Event);
        GoJson.WriteRaw(writer, ",\"TransactionIndex\":"u8);
        GoJson.WriteString(writer, TransactionIndex);
        GoJson.WriteRaw(writer, ",\"TransactionLabel\":"u8);
        GoJson.WriteString(writer, TransactionLabel);
        GoJson.WriteRaw(writer, ",\"Attributes\":"u8);
        GoJson.WriteString(writer, Attributes);
        GoJson.WriteRaw(writer, ",\"ResourceAllocation\":"u8);
        GoJson.WriteString(writer, ResourceAllocation);
        GoJson.WriteRaw(writer, ",\"MaxUsage\":"u8);
        GoJson.WriteInt64(writer, MaxUsage);
        GoJson.WriteRaw(writer, ",\"Routes\":"u8);
        GoJson.WriteString(writer, Routes);
        GoJson.WriteRaw(writer, ",\"Thresholds\":"u8);
        GoJson.WriteString(writer, Thresholds);
        GoJson.WriteRaw(writer, ",\"StatQueues\":"u8);
        GoJson.WriteString(writer, StatQueues);
        GoJson.WriteRaw(writer, ",\"Error\":"u8);
        GoJson.WriteString(writer, Error);
        GoJson.WriteRaw(writer, "}"u8);
    }

    public override string ToString() => this.ToJson();

    private static KamReply For(KamEvent request, string defaultEvent)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new KamReply
        {
            Event = request.TryGetValue(KamFields.ReplyRoute, out var route) ? route : defaultEvent,
            TransactionIndex = request.Get(KamFields.TrIndex) ?? "",
            TransactionLabel = request.Get(KamFields.TrLabel) ?? "",
        };
    }
}
