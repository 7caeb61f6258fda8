using System.Buffers;
using System.Globalization;

namespace Obol.Evapi;

/// <summary>
/// Netstring framing, <c>&lt;decimal byte length&gt;:&lt;payload&gt;,</c>, which evapi uses in both directions when
/// <c>netstring_format</c> is 1 (the module default, and what the CGRateS tutorial and the e2e recipe run).
/// </summary>
public static class Netstring
{
    /// <summary>Frames announcing more than this are refused; Kamailio's own messages are a few hundred bytes.</summary>
    public const int MaxPayloadLength = 1024 * 1024;

    /// <summary>"1048576:" is the longest header a valid frame can have.</summary>
    public const int MaxHeaderLength = MaxLengthDigits + 1;

    private const int MaxLengthDigits = 7;

    /// <summary>
    /// Takes the first complete frame off <paramref name="buffer"/>. Returns false, leaving the buffer as it was,
    /// when the frame is not complete yet.
    /// </summary>
    /// <exception cref="EvapiProtocolException">The bytes cannot be the start of a valid frame.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.IsEmpty)
        {
            return false;
        }
        if (!TryParseHeader(Head(buffer, stackalloc byte[MaxHeaderLength]), out var length, out var headerLength))
        {
            return false;
        }
        var frameLength = (long)headerLength + length + 1;
        if (buffer.Length < frameLength)
        {
            return false;
        }
        var terminator = buffer.IsSingleSegment
            ? buffer.FirstSpan[(int)frameLength - 1]
            : buffer.Slice(frameLength - 1, 1).FirstSpan[0];
        if (terminator != (byte)',')
        {
            throw new EvapiProtocolException(
                $"netstring of {length} bytes ends with byte 0x{terminator:x2} where ',' must follow the payload");
        }
        payload = buffer.Slice(headerLength, length);
        buffer = buffer.Slice(frameLength);
        return true;
    }

    /// <summary>The number of bytes <paramref name="payloadLength"/> bytes take once framed.</summary>
    public static int GetFrameLength(int payloadLength)
    {
        CheckPayloadLength(payloadLength);
        return CountDigits(payloadLength) + 1 + payloadLength + 1;
    }

    /// <summary>Writes <paramref name="payload"/> as one frame.</summary>
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var frameLength = GetFrameLength(payload.Length);
        var span = writer.GetSpan(frameLength);
        var header = WriteHeader(span, payload.Length);
        payload.CopyTo(span[header..]);
        span[header + payload.Length] = (byte)',';
        writer.Advance(frameLength);
    }

    /// <summary>Writes the <c>length:</c> header and returns its size.</summary>
    internal static int WriteHeader(Span<byte> destination, int payloadLength)
    {
        CheckPayloadLength(payloadLength);
        payloadLength.TryFormat(destination, out var digits, default, CultureInfo.InvariantCulture);
        destination[digits] = (byte)':';
        return digits + 1;
    }

    internal static void CheckPayloadLength(int payloadLength)
    {
        if (payloadLength > MaxPayloadLength)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLength), payloadLength,
                $"an evapi payload may not exceed {MaxPayloadLength} bytes");
        }
    }

    private static int CountDigits(int value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }
        return digits;
    }

    private static ReadOnlySpan<byte> Head(in ReadOnlySequence<byte> buffer, Span<byte> scratch)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= MaxHeaderLength || buffer.IsSingleSegment)
        {
            return first;
        }
        // A header split over segments is rare; copying its few bytes keeps one parser for both shapes.
        var length = (int)Math.Min(buffer.Length, MaxHeaderLength);
        buffer.Slice(0, length).CopyTo(scratch);
        return scratch[..length];
    }

    private static bool TryParseHeader(ReadOnlySpan<byte> head, out int length, out int headerLength)
    {
        length = 0;
        for (var i = 0; i < head.Length; i++)
        {
            var b = head[i];
            if (b == (byte)':')
            {
                if (i == 0)
                {
                    throw new EvapiProtocolException("netstring has no length before ':'");
                }
                headerLength = i + 1;
                return true;
            }
            if (b is < (byte)'0' or > (byte)'9')
            {
                throw new EvapiProtocolException(i == 0
                    ? $"netstring starts with byte 0x{b:x2} where a length digit must be"
                    : $"netstring length contains byte 0x{b:x2} where a digit or ':' must be");
            }
            if (i == MaxLengthDigits)
            {
                throw new EvapiProtocolException(
                    $"netstring length has more than {MaxLengthDigits} digits (limit {MaxPayloadLength} bytes)");
            }
            length = (length * 10) + (b - '0');
            if (length > MaxPayloadLength)
            {
                throw new EvapiProtocolException($"netstring length {length} exceeds the {MaxPayloadLength} byte limit");
            }
        }
        headerLength = 0;
        return false;
    }
}
