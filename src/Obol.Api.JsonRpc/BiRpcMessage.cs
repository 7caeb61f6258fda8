using System.Text;
using System.Text.Json;

namespace Obol.Api.JsonRpc;

/// <summary>
/// One frame on a BiRPC connection, read as birpc's jsonrpc codec reads its <c>message</c> struct
/// (jsonrpc/birpc_codec.go ReadHeader): a non-empty <c>method</c> makes it a request for us, anything else is a
/// response to one of our calls. Offsets into the frame, so a request is parsed again by the dispatcher uncopied.
/// </summary>
internal readonly record struct BiRpcMessage(bool IsRequest, ulong Id, string? Error, Range Result)
{
    /// <summary>Throws <see cref="JsonRpcProtocolException"/> wherever birpc's ReadHeader fails, which ends the connection.</summary>
    public static BiRpcMessage Parse(ReadOnlySpan<byte> frame)
    {
        try
        {
            return ParseCore(frame);
        }
        catch (JsonException ex)
        {
            JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidJson, $"invalid JSON: {ex.Message}", ex);
            return default;
        }
    }

    private static BiRpcMessage ParseCore(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, JsonRpcFraming.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = frame.IsEmpty ? "value" : JsonRpcEnvelope.JsonKindWord(frame[0]);
            JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidEnvelope,
                $"json: cannot unmarshal {kind} into Go value of type jsonrpc.message");
        }
        var hasMethod = false;
        Range id = default, result = default, error = default;
        bool hasId = false, hasResult = false, hasError = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Go matches struct fields case-insensitively; a repeated member keeps its last value, null leaves a
            // string unchanged and sets a pointer or interface to nil.
            var name = reader.GetString();
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var isNull = reader.TokenType == JsonTokenType.Null;
            var isString = reader.TokenType == JsonTokenType.String;
            reader.Skip();
            var value = new Range(start, (int)reader.BytesConsumed);
            if (string.Equals(name, "method", StringComparison.OrdinalIgnoreCase))
            {
                if (!isNull && !isString)
                {
                    JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidEnvelope,
                        $"json: cannot unmarshal {JsonRpcEnvelope.JsonKindWord(frame[start])} into Go struct field message.method of type string");
                }
                if (isString)
                {
                    // An escape always stands for at least one character, so only "" is empty.
                    hasMethod = value.GetOffsetAndLength(frame.Length).Length > 2;
                }
            }
            else if (string.Equals(name, "id", StringComparison.OrdinalIgnoreCase))
            {
                (hasId, id) = (!isNull, value);
            }
            else if (string.Equals(name, "result", StringComparison.OrdinalIgnoreCase))
            {
                (hasResult, result) = (!isNull, value);
            }
            else if (string.Equals(name, "error", StringComparison.OrdinalIgnoreCase))
            {
                (hasError, error) = (!isNull, value);
            }
        }
        return hasMethod ? new BiRpcMessage(true, 0, null, default) : Response(frame, hasId, id, hasResult, result, hasError, error);
    }

    private static BiRpcMessage Response(ReadOnlySpan<byte> frame, bool hasId, Range id, bool hasResult, Range result, bool hasError, Range error)
    {
        if (!hasId)
        {
            // Go dereferences the nil id and panics; closing the connection is the nearest sane outcome.
            JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidEnvelope, "response without id");
        }
        var idReader = new Utf8JsonReader(frame[id]);
        idReader.Read();
        ulong seq = 0;
        if (idReader.TokenType != JsonTokenType.Number || !idReader.TryGetUInt64(out seq))
        {
            JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidEnvelope,
                $"json: cannot unmarshal {Encoding.UTF8.GetString(frame[id])} into Go value of type uint64");
        }
        string? message = null;
        if (hasError || !hasResult)
        {
            var errorReader = new Utf8JsonReader(frame[error]);
            if (!hasError || !errorReader.Read() || errorReader.TokenType != JsonTokenType.String)
            {
                // birpc_codec.go: a non-string error (a null one with a null result included) is a codec error.
                JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidEnvelope,
                    $"invalid error {(hasError ? Encoding.UTF8.GetString(frame[error]) : "<nil>")}");
            }
            message = errorReader.GetString();
            if (string.IsNullOrEmpty(message))
            {
                message = "unspecified error";
            }
        }
        return new BiRpcMessage(false, seq, message, hasResult ? result : default);
    }
}
