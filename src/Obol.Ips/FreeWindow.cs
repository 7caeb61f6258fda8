namespace Obol.Ips;

/// <summary>
/// The part of a pool's range that may hold free addresses: every offset below <c>Low</c> and above <c>High</c> is
/// held. Ascending and descending allocation narrow it as they fill the range, so finding the next free address costs
/// the addresses freed since, not every address held; a release widens it again.
/// </summary>
internal sealed class FreeWindow(UInt128 count)
{
    private UInt128 _low;
    private UInt128 _high = count == UInt128.Zero ? UInt128.Zero : count - 1;
    private bool _empty = count == UInt128.Zero;

    public bool IsEmpty => _empty;

    public void Freed(UInt128 offset)
    {
        if (_empty)
        {
            (_low, _high, _empty) = (offset, offset, false);
            return;
        }
        _low = UInt128.Min(_low, offset);
        _high = UInt128.Max(_high, offset);
    }

    public UInt128? ScanUp(Func<UInt128, bool> isFree)
    {
        for (var offset = _low; ; offset++)
        {
            if (isFree(offset))
            {
                _low = offset;
                return offset;
            }
            if (offset == _high)
            {
                _empty = true;
                return null;
            }
        }
    }

    public UInt128? ScanDown(Func<UInt128, bool> isFree)
    {
        for (var offset = _high; ; offset--)
        {
            if (isFree(offset))
            {
                _high = offset;
                return offset;
            }
            if (offset == _low)
            {
                _empty = true;
                return null;
            }
        }
    }

    /// <summary>The first free offset from <paramref name="start"/> up to High, then from Low; the window is left as it
    /// is unless it turns out full.</summary>
    public UInt128? ScanFrom(UInt128 start, Func<UInt128, bool> isFree)
    {
        var offset = start;
        while (true)
        {
            if (isFree(offset))
            {
                return offset;
            }
            offset = offset == _high ? _low : offset + 1;
            if (offset == start)
            {
                _empty = true;
                return null;
            }
        }
    }

    public UInt128 RandomOffset()
    {
        var width = _high - _low + 1;
        if (width == UInt128.Zero)
        {
            // The whole IPv6 space: any offset is inside.
            width = UInt128.MaxValue;
        }
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        var value = BitConverter.ToUInt128(bytes);
        return _low + (value % width);
    }
}
