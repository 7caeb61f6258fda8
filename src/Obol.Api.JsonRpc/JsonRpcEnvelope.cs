using System.Text;
using System.Text.Json;

namespace Obol.Api.JsonRpc;

/// <summary>What the <c>params</c> member of a request holds, in the terms of Go's jsonrpc server codec.</summary>
public enum JsonRpcParamsKind
{
    /// <summary>Absent or <c>null</c>: Go's <c>jsonrpc: request body missing params</c>.</summary>
    Missing,

    /// <summary>An array; its first element (if any) is the argument, further elements are ignored.</summary>
    Array,

    /// <summary>Any other JSON value: Go fails to decode it into <c>[1]interface {}</c>.</summary>
    NotArray,
}

/// <summary>
/// The envelope of one request frame, <c>{"method":"Svc.Method","params":[arg],"id":X}</c>, as offsets into the frame so
/// nothing is copied. Parsed the way Go's encoding/json fills jsonrpc's <c>serverRequest</c>: member names match
/// case-insensitively, a repeated member keeps its last value, unknown members are ignored, and <c>method</c>:null
/// leaves the method unchanged.
/// </summary>
public readonly struct JsonRpcEnvelope
{
    private readonly int _methodTokenStart;
    private readonly int _methodTokenLength;
    private readonly int _argumentStart;
    private readonly int _argumentLength;
    private readonly int _idStart;
    private readonly int _idLength;
    private readonly int _paramsStart;

    private JsonRpcEnvelope(int methodTokenStart, int methodTokenLength, JsonRpcParamsKind paramsKind, int paramsStart,
        int argumentStart, int argumentLength, int idStart, int idLength)
    {
        _methodTokenStart = methodTokenStart;
        _methodTokenLength = methodTokenLength;
        ParamsKind = paramsKind;
        _paramsStart = paramsStart;
        _argumentStart = argumentStart;
        _argumentLength = argumentLength;
        _idStart = idStart;
        _idLength = idLength;
    }

    public JsonRpcParamsKind ParamsKind { get; }

    /// <summary>True when params is an array with at least one element.</summary>
    public bool HasArgument => _argumentLength > 0;

    /// <summary>The argument's raw JSON (first params element); empty for <c>[]</c> or when params is not an array.</summary>
    public Range Argument => new(_argumentStart, _argumentStart + _argumentLength);

    /// <summary>The id's raw JSON; empty when absent (the reply then carries <c>null</c>).</summary>
    public Range Id => new(_idStart, _idStart + _idLength);

    /// <summary>Go's word for the JSON kind of a non-array params value ("object", "string", …), for the error text.</summary>
    public string ParamsKindWord(ReadOnlySpan<byte> frame) => JsonKindWord(frame[_paramsStart]);

    /// <summary>The method name, unescaped; empty when absent.</summary>
    public string GetMethod(ReadOnlySpan<byte> frame)
    {
        Span<char> buffer = stackalloc char[256];
        var length = CopyMethod(frame, buffer);
        return length >= 0 ? buffer[..length].ToString() : CopyMethodSlow(frame);
    }

    /// <summary>Writes the unescaped method name into <paramref name="destination"/>; -1 when it does not fit.</summary>
    public int CopyMethod(ReadOnlySpan<byte> frame, Span<char> destination)
    {
        if (_methodTokenLength == 0)
        {
            return 0;
        }
        var token = frame.Slice(_methodTokenStart, _methodTokenLength);
        if (token.Length > destination.Length)
        {
            return -1;
        }
        if (token.IndexOf((byte)'\\') < 0)
        {
            // Invalid UTF-8 becomes U+FFFD, as Go's decoder does.
            return Encoding.UTF8.GetChars(token[1..^1], destination);
        }
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.CopyString(destination);
    }

    private string CopyMethodSlow(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame.Slice(_methodTokenStart, _methodTokenLength));
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>Parses a complete frame. Throws <see cref="JsonRpcProtocolException"/> where Go's codec would fail.</summary>
    public static JsonRpcEnvelope Parse(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, JsonRpcFraming.ReaderOptions);
        try
        {
            return Parse(ref reader, frame);
        }
        catch (JsonException ex)
        {
            JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidJson, $"invalid JSON: {ex.Message}", ex);
            return default;
        }
    }

    private static JsonRpcEnvelope Parse(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = frame.IsEmpty ? "value" : JsonKindWord(frame[0]);
            JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidEnvelope,
                $"json: cannot unmarshal {kind} into Go value of type jsonrpc.serverRequest");
        }
        int methodStart = 0, methodLength = 0, paramsStart = 0, argumentStart = 0, argumentLength = 0, idStart = 0, idLength = 0;
        var paramsKind = JsonRpcParamsKind.Missing;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = Member(ref reader);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            switch (member)
            {
                case EnvelopeMember.Method:
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        methodStart = start;
                        methodLength = (int)reader.BytesConsumed - start;
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidEnvelope,
                            $"json: cannot unmarshal {JsonKindWord(frame[start])} into Go struct field serverRequest.method of type string");
                    }
                    break;
                case EnvelopeMember.Params:
                    paramsStart = start;
                    (argumentStart, argumentLength) = (0, 0);
                    paramsKind = reader.TokenType switch
                    {
                        JsonTokenType.Null => JsonRpcParamsKind.Missing,
                        JsonTokenType.StartArray => JsonRpcParamsKind.Array,
                        _ => JsonRpcParamsKind.NotArray,
                    };
                    if (paramsKind == JsonRpcParamsKind.Array)
                    {
                        (argumentStart, argumentLength) = ReadFirstElement(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                    break;
                case EnvelopeMember.Id:
                    reader.Skip();
                    (idStart, idLength) = reader.TokenType == JsonTokenType.Null ? (0, 0) : (start, (int)reader.BytesConsumed - start);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new JsonRpcEnvelope(methodStart, methodLength, paramsKind, paramsStart, argumentStart, argumentLength, idStart, idLength);
    }

    // Reader on StartArray of params; leaves it on the matching EndArray.
    private static (int Start, int Length) ReadFirstElement(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return (0, 0);
        }
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var element = (start, (int)reader.BytesConsumed - start);
        // Go decodes params into a one-element array: "If the JSON array is larger than the Go array, the additional
        // elements are discarded" (encoding/json), so extra elements are skipped without error.
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            reader.Skip();
        }
        return element;
    }

    private enum EnvelopeMember
    {
        Other,
        Method,
        Params,
        Id,
    }

    private static EnvelopeMember Member(ref Utf8JsonReader reader)
    {
        Span<byte> name = stackalloc byte[8];
        int length;
        if (reader.ValueIsEscaped)
        {
            if (reader.ValueSpan.Length > 48)
            {
                return EnvelopeMember.Other;
            }
            Span<byte> unescaped = stackalloc byte[48];
            length = reader.CopyString(unescaped);
            if (length > name.Length)
            {
                return EnvelopeMember.Other;
            }
            unescaped[..length].CopyTo(name);
        }
        else
        {
            var raw = reader.ValueSpan;
            if (raw.Length > name.Length)
            {
                return EnvelopeMember.Other;
            }
            raw.CopyTo(name);
            length = raw.Length;
        }
        // Go matches struct fields to keys case-insensitively (ASCII suffices for these three names).
        var key = name[..length];
        return Ascii.EqualsIgnoreCase(key, "method"u8) ? EnvelopeMember.Method
            : Ascii.EqualsIgnoreCase(key, "params"u8) ? EnvelopeMember.Params
            : Ascii.EqualsIgnoreCase(key, "id"u8) ? EnvelopeMember.Id
            : EnvelopeMember.Other;
    }

    internal static string JsonKindWord(byte first) => first switch
    {
        (byte)'{' => "object",
        (byte)'[' => "array",
        (byte)'"' => "string",
        (byte)'t' or (byte)'f' => "bool",
        (byte)'n' => "null",
        _ => "number",
    };
}
