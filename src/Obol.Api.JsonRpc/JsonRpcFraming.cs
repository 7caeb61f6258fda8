using System.Buffers;
using System.Text.Json;

namespace Obol.Api.JsonRpc;

/// <summary>
/// Splits a byte stream of back-to-back JSON values, as Go's <c>json.Decoder</c> reads them for net/rpc/jsonrpc: no
/// length prefix, any JSON whitespace between values. One instance per connection; it keeps the tokenizer state of a
/// partly received value so a large request arriving in many reads is tokenised once, not once per read.
/// </summary>
/// <remarks>
/// Contract (Kestrel's <c>TryParse</c> shape): <see cref="TryReadFrame"/> returns false when the value is incomplete,
/// having consumed at most leading whitespace, and throws <see cref="JsonRpcProtocolException"/> for bytes that can
/// never become JSON or for a value larger than the limit. The caller passes the unconsumed remainder back next time.
/// </remarks>
public sealed class JsonRpcFraming
{
    /// <summary>16 MiB: far above any CGRateS request (a big SetTPRatingPlan is a few hundred KiB).</summary>
    public const int DefaultMaxRequestBytes = 16 * 1024 * 1024;

    // Go's decoder nests up to 10000 levels (encoding/json maxNestingDepth); the reader's default of 64 would reject
    // requests Go accepts. Only the framing and the envelope use this; argument decoding keeps the serializer's limit.
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 10_000 };

    private readonly int _maxFrameBytes;
    private JsonReaderState _state;
    private long _scanned;
    private bool _inFrame;

    public JsonRpcFraming(int maxFrameBytes = DefaultMaxRequestBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>True while a value has begun but is not complete (at end of stream that is Go's unexpected EOF).</summary>
    public bool HasPartialFrame => _inFrame;

    /// <summary>
    /// Takes the next complete JSON value off the front of <paramref name="buffer"/>. On success
    /// <paramref name="frame"/> is that value (no surrounding whitespace) and <paramref name="buffer"/> starts after it.
    /// </summary>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (!_inFrame)
        {
            buffer = SkipWhitespace(buffer);
            if (buffer.IsEmpty)
            {
                return false;
            }
            _inFrame = true;
            _scanned = 0;
            _state = new JsonReaderState(ReaderOptions);
        }
        var reader = new Utf8JsonReader(buffer.Slice(_scanned), isFinalBlock: false, _state);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    var length = _scanned + reader.BytesConsumed;
                    CheckSize(length);
                    frame = buffer.Slice(0, length);
                    buffer = buffer.Slice(length);
                    _inFrame = false;
                    return true;
                }
            }
        }
        catch (JsonException ex)
        {
            _inFrame = false;
            JsonRpcProtocolException.Throw(JsonRpcRejectReason.InvalidJson, $"invalid JSON: {ex.Message}", ex);
        }
        _scanned += reader.BytesConsumed;
        _state = reader.CurrentState;
        CheckSize(buffer.Length);
        return false;
    }

    /// <summary>Forgets a partly read value (a new stream starts).</summary>
    public void Reset() => _inFrame = false;

    private void CheckSize(long length)
    {
        if (length > _maxFrameBytes)
        {
            _inFrame = false;
            JsonRpcProtocolException.Throw(JsonRpcRejectReason.RequestTooLarge,
                $"request larger than {_maxFrameBytes} bytes");
        }
    }

    private static ReadOnlySequence<byte> SkipWhitespace(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        reader.AdvancePastAny((byte)' ', (byte)'\n', (byte)'\r', (byte)'\t');
        return buffer.Slice(reader.Position);
    }
}
