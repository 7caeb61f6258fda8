using System.Buffers;

namespace Obol.Evapi;

/// <summary>agents.KamSessionDisconnect: asks Kamailio to end the dialog h_entry/h_id (BYE to both legs).</summary>
public sealed class KamSessionDisconnect(string hashEntry, string hashId, string reason) : IEvapiMessage
{
    /// <summary>Always CGR_SESSION_DISCONNECT on the wire; settable to reproduce CGRateS's serialisation tests.</summary>
    public string Event { get; init; } = KamEventNames.SessionDisconnect;

    /// <summary>The CALL_START's h_entry, as the string Kamailio sent.</summary>
    public string HashEntry { get; } = hashEntry ?? "";

    /// <summary>The CALL_START's h_id.</summary>
    public string HashId { get; } = hashId ?? "";

    /// <summary>See <see cref="KamErrors"/>.</summary>
    public string Reason { get; } = reason ?? "";

    public void WriteJson(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        GoJson.WriteRaw(writer, "{\"Event\":"u8);
        GoJson.WriteString(writer, Event);
        GoJson.WriteRaw(writer, ",\"HashEntry\":"u8);
        GoJson.WriteString(writer, HashEntry);
        GoJson.WriteRaw(writer, ",\"HashId\":"u8);
        GoJson.WriteString(writer, HashId);
        GoJson.WriteRaw(writer, ",\"Reason\":"u8);
        GoJson.WriteString(writer, Reason);
        GoJson.WriteRaw(writer, "}"u8);
    }

    public override string ToString() => this.ToJson();
}
