using System.Buffers;

namespace Obol.Evapi;

/// <summary>
/// A pooled buffer a message writes its JSON into, leaving room in front for the netstring header so the frame is
/// sent from one contiguous block without copying the payload.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>, IDisposable
{
    private const int PayloadStart = Netstring.MaxHeaderLength;
    private byte[] _buffer;
    private int _end = PayloadStart;

    public FrameBuffer(int payloadSizeHint = 512) =>
        _buffer = ArrayPool<byte>.Shared.Rent(PayloadStart + Math.Max(payloadSizeHint, 16) + 1);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_end);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_end);
    }

    /// <summary>Writes the header in front and the ',' after the payload; returns the whole frame.</summary>
    public ReadOnlyMemory<byte> Complete()
    {
        var payloadLength = _end - PayloadStart;
        Netstring.CheckPayloadLength(payloadLength);
        Ensure(1);
        _buffer[_end] = (byte)',';
        Span<byte> header = stackalloc byte[Netstring.MaxHeaderLength];
        var headerLength = Netstring.WriteHeader(header, payloadLength);
        var frameStart = PayloadStart - headerLength;
        header[..headerLength].CopyTo(_buffer.AsSpan(frameStart));
        return _buffer.AsMemory(frameStart, headerLength + payloadLength + 1);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        // One spare byte stays free for the closing ','.
        var needed = Math.Max(sizeHint, 1) + 1;
        if (_buffer.Length - _end >= needed)
        {
            return;
        }
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _end + needed));
        _buffer.AsSpan(0, _end).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
