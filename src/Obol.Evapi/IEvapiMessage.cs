using System.Buffers;

namespace Obol.Evapi;

/// <summary>A message the engine sends to Kamailio: it writes its JSON payload, unframed.</summary>
public interface IEvapiMessage
{
    void WriteJson(IBufferWriter<byte> writer);
}
