using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Obol.GoJson;

namespace Obol.Api.JsonRpc;

/// <summary>
/// Writes replies byte for byte as Go's jsonrpc <c>serverResponse</c> through <c>json.Encoder.Encode</c>:
/// <c>{"id":X,"result":R,"error":null}</c> or <c>{"id":X,"result":null,"error":"msg"}</c>, then <c>\n</c>.
/// </summary>
internal static class JsonRpcReplyWriter
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static void WriteResult<T>(IBufferWriter<byte> output, ReadOnlySpan<byte> id, T value, JsonTypeInfo<T> typeInfo)
    {
        WriteHead(output, id);
        var writer = RentWriter(output, typeInfo.Options);
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
        output.Write(",\"error\":null}\n"u8);
    }

    public static void WriteRawResult(IBufferWriter<byte> output, ReadOnlySpan<byte> id, ReadOnlySpan<byte> resultJson)
    {
        WriteHead(output, id);
        output.Write(resultJson);
        output.Write(",\"error\":null}\n"u8);
    }

    /// <summary>The result written by its own writer straight into the reply.</summary>
    public static void WriteWrittenResult(IBufferWriter<byte> output, ReadOnlySpan<byte> id, WrittenJson result)
    {
        WriteHead(output, id);
        result.WriteTo(output);
        output.Write(",\"error\":null}\n"u8);
    }

    public static void WriteError(IBufferWriter<byte> output, ReadOnlySpan<byte> id, string error, JsonSerializerOptions options)
    {
        WriteId(output, id);
        output.Write(",\"result\":null,\"error\":"u8);
        var writer = RentWriter(output, options);
        try
        {
            writer.WriteStringValue(error);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
        output.Write("}\n"u8);
    }

    private static void WriteHead(IBufferWriter<byte> output, ReadOnlySpan<byte> id)
    {
        WriteId(output, id);
        output.Write(",\"result\":"u8);
    }

    private static void WriteId(IBufferWriter<byte> output, ReadOnlySpan<byte> id)
    {
        output.Write("{\"id\":"u8);
        if (id.IsEmpty)
        {
            output.Write("null"u8);
        }
        else
        {
            GoJsonCompact.Write(output, id);
        }
    }

    // One writer per thread, re-pointed at each output: serialisation is synchronous, so it is never shared.
    private static Utf8JsonWriter RentWriter(IBufferWriter<byte> output, JsonSerializerOptions options)
    {
        var writer = t_writer;
        if (writer is null || !ReferenceEquals(writer.Options.Encoder, options.Encoder))
        {
            writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
            t_writer = writer;
            return writer;
        }
        writer.Reset(output);
        return writer;
    }
}
