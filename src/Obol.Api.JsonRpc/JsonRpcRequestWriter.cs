using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Obol.Api.JsonRpc;

/// <summary>Writes a request as Go's jsonrpc <c>clientRequest</c> through <c>json.Encoder</c>: <c>{"method":M,"params":[arg],"id":N}</c> and <c>\n</c>.</summary>
internal static class JsonRpcRequestWriter
{
    public static void Write(IBufferWriter<byte> output, string serviceMethod, ReadOnlySpan<byte> argumentJson, ulong id, JavaScriptEncoder? encoder)
    {
        output.Write("{\"method\":"u8);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = encoder }))
        {
            writer.WriteStringValue(serviceMethod);
        }
        output.Write(",\"params\":["u8);
        output.Write(argumentJson);
        output.Write("],\"id\":"u8);
        Span<byte> digits = stackalloc byte[20];
        id.TryFormat(digits, out var length);
        output.Write(digits[..length]);
        // Go's json.Encoder ends every object with a newline.
        output.Write("}\n"u8);
    }

    /// <summary>The argument as JSON, encoded as the dispatcher's options encode results.</summary>
    public static PooledBufferWriter SerializeArgument<TArg>(TArg argument, JsonSerializerOptions options)
    {
        var json = new PooledBufferWriter();
        try
        {
            using var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = options.Encoder });
            JsonSerializer.Serialize(writer, argument, options);
        }
        catch
        {
            json.Dispose();
            throw;
        }
        return json;
    }
}
