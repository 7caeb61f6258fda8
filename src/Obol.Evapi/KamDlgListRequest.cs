using System.Buffers;

namespace Obol.Evapi;

/// <summary>
/// <c>{"Event":"CGR_DLG_LIST"}</c>, sent on each channel sync (V1GetActiveSessionIDs); Kamailio answers with
/// CGR_DLG_LIST_REPLY (<see cref="KamDlgListReply"/>).
/// </summary>
public sealed class KamDlgListRequest : IEvapiMessage
{
    private KamDlgListRequest()
    {
    }

    public static KamDlgListRequest Instance { get; } = new();

    public void WriteJson(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        GoJson.WriteRaw(writer, "{\"Event\":\"CGR_DLG_LIST\"}"u8);
    }

    public override string ToString() => this.ToJson();
}
