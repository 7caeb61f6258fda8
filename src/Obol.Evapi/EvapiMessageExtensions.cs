using System.Buffers;
using System.Text;

namespace Obol.Evapi;

/// <summary>Serialisation shortcuts for logs and tests; the connection writes messages without these copies.</summary>
public static class EvapiMessageExtensions
{
    public static byte[] ToJsonUtf8(this IEvapiMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(256);
        message.WriteJson(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToJson(this IEvapiMessage message) => Encoding.UTF8.GetString(message.ToJsonUtf8());
}
