using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Obol.Esl;

/// <summary>
/// Cuts event-socket frames out of a byte stream: a header block ended by an empty line, then <c>Content-Length</c>
/// body bytes when that header is present. Partial input is left in the buffer for the next call.
/// </summary>
public static class EslFrameParser
{
    /// <summary>A header block longer than this is refused rather than buffered without end.</summary>
    public const int MaxHeaderBlockBytes = 1024 * 1024;

    /// <summary>Largest accepted body; <c>show channels</c> on a busy switch is a few MB, far below this.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    private static ReadOnlySpan<byte> BlankLine => "\n\n"u8;

    /// <summary>
    /// Parses one frame from the start of <paramref name="buffer"/>. On success <paramref name="buffer"/> is advanced past
    /// the frame; otherwise it is advanced only past blank lines that separate frames, and more input is needed.
    /// </summary>
    /// <exception cref="EslProtocolException">The input cannot be a frame.</exception>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out EslFrame? frame)
    {
        frame = null;
        var reader = new SequenceReader<byte>(buffer);
        // FreeSWITCH never sends them, but stray newlines between frames (as clients send between commands) are harmless.
        reader.AdvancePast((byte)'\n');
        var frameStart = reader.Position;

        if (!reader.TryReadTo(out ReadOnlySequence<byte> headerBytes, BlankLine))
        {
            if (reader.Remaining > MaxHeaderBlockBytes)
            {
                throw new EslProtocolException($"Header block exceeds {MaxHeaderBlockBytes} bytes without an empty line.");
            }
            buffer = buffer.Slice(frameStart);
            return false;
        }
        if (headerBytes.Length > MaxHeaderBlockBytes)
        {
            throw new EslProtocolException($"Header block of {headerBytes.Length} bytes exceeds {MaxHeaderBlockBytes} bytes.");
        }

        var headers = ParseHeaders(headerBytes);
        var bodyLength = headers.TryGetValue(HeaderBlock.ContentLength, out var lengthText)
            ? HeaderBlock.ParseContentLength(lengthText, MaxBodyBytes, "frame header")
            : 0;
        if (reader.Remaining < bodyLength)
        {
            buffer = buffer.Slice(frameStart);
            return false;
        }

        var body = bodyLength == 0 ? ReadOnlyMemory<byte>.Empty : reader.UnreadSequence.Slice(0, bodyLength).ToArray();
        reader.Advance(bodyLength);
        buffer = buffer.Slice(reader.Position);
        frame = new EslFrame(headers, body);
        return true;
    }

    private static Dictionary<string, string> ParseHeaders(ReadOnlySequence<byte> headerBytes)
    {
        var headers = new Dictionary<string, string>(4, StringComparer.Ordinal);
        if (headerBytes.IsSingleSegment)
        {
            HeaderBlock.Parse(headerBytes.FirstSpan, headers, urlEncodedValues: false);
            return headers;
        }

        var length = (int)headerBytes.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            headerBytes.CopyTo(rented);
            HeaderBlock.Parse(rented.AsSpan(0, length), headers, urlEncodedValues: false);
            return headers;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
