using System.Numerics;
using System.Runtime.CompilerServices;

namespace Obol.Rating;

/// <summary>
/// An immutable longest-prefix index. Digit-only prefixes of up to 17 digits — nearly every telephone prefix — are
/// packed into a 64-bit key (length in the top bits, the digits' value below) and kept in an open-addressing table,
/// so a lookup hashes integers instead of strings and never allocates. A one-bit-per-key filter that stays in cache
/// spares the table the probes of lengths that cannot match. Every other prefix sits in a string
/// dictionary probed through a span lookup.
/// </summary>
public sealed class PrefixIndex<TValue>
    where TValue : class
{
    private const int MaxPackedDigits = 17;
    private const int LengthShift = 57;

    private readonly Entry[] _entries;
    private readonly ulong[] _filter;
    private readonly int _filterShift;
    private readonly int _shift;
    private readonly int _mask;
    private readonly uint _packedLengths;
    private readonly Dictionary<string, TValue> _other;
    private readonly Dictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _otherLookup;
    private readonly ulong _otherLengths;
    private readonly int _maxOtherLength;

    public PrefixIndex(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        var packed = new List<(ulong Key, TValue Value)>();
        _other = new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (prefix, value) in entries)
        {
            if (prefix.Length == 0)
            {
                continue;
            }
            if (TryPack(prefix, out var key))
            {
                packed.Add((key, value));
                _packedLengths |= 1u << prefix.Length;
            }
            else
            {
                _other[prefix] = value;
                if (prefix.Length < 64)
                {
                    _otherLengths |= 1UL << prefix.Length;
                }
                _maxOtherLength = Math.Max(_maxOtherLength, prefix.Length);
            }
        }
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, packed.Count * 2));
        _entries = new Entry[capacity];
        // One filter bit per 16 slots' worth of keys: small enough to stay in cache, sparse enough (about 6% false
        // positives at a million prefixes) that most absent lengths never touch the table.
        var filterBits = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, packed.Count * 16));
        _filter = new ulong[filterBits / 64];
        _filterShift = 64 - BitOperations.Log2((uint)filterBits);
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
        foreach (var (key, value) in packed)
        {
            var slot = Slot(key);
            while (_entries[slot].Key != 0 && _entries[slot].Key != key)
            {
                slot = (slot + 1) & _mask;
            }
            _entries[slot] = new Entry(key, value);
            var bit = FilterBit(key);
            _filter[bit >> 6] |= 1UL << (bit & 63);
        }
        Count = packed.Count + _other.Count;
        _otherLookup = _other.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count { get; }

    /// <summary>The value of the longest prefix of <paramref name="number"/>, if any.</summary>
    public bool TryGetLongest(ReadOnlySpan<char> number, out TValue value, out int length)
    {
        var matches = Match(number);
        if (matches.MoveNext())
        {
            value = matches.Current.Value;
            length = matches.Current.Length;
            return true;
        }
        value = null!;
        length = 0;
        return false;
    }

    /// <summary>Every prefix of <paramref name="number"/> in the index, longest first.</summary>
    public Matches Match(ReadOnlySpan<char> number) => new(this, number);

    // Fibonacci hashing; the multiply is meant to wrap.
    // A second multiplier keeps filter bits independent of table slots.
    private int FilterBit(ulong key) => unchecked((int)((key * 0xC2B2AE3D27D4EB4FUL) >> _filterShift));

    private bool MayContain(ulong key)
    {
        var bit = FilterBit(key);
        return (_filter[bit >> 6] & (1UL << (bit & 63))) != 0;
    }

    private int Slot(ulong key) => unchecked((int)((key * 0x9E3779B97F4A7C15UL) >> _shift));

    private TValue? FindPacked(ulong key)
    {
        var slot = Slot(key);
        while (true)
        {
            ref readonly var entry = ref _entries[slot];
            var k = entry.Key;
            if (k == key)
            {
                return entry.Value;
            }
            if (k == 0)
            {
                return null;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>
    /// The lengths whose prefix passes the filter, with the first slot of each loaded before any is compared: the
    /// loads are independent, so the cache misses of a large table overlap instead of queueing in the longest-first walk.
    /// </summary>
    private uint Candidates(ReadOnlySpan<ulong> prefixValues, int digitRun, out ulong touched)
    {
        touched = 0;
        uint candidates = 0;
        var lengths = _packedLengths & ((2u << digitRun) - 1);
        while (lengths != 0)
        {
            var length = BitOperations.TrailingZeroCount(lengths);
            lengths &= lengths - 1;
            var key = ((ulong)length << LengthShift) | prefixValues[length];
            if (MayContain(key))
            {
                candidates |= 1u << length;
                touched ^= _entries[Slot(key)].Key;
            }
        }
        return candidates;
    }

    private static bool TryPack(ReadOnlySpan<char> prefix, out ulong key)
    {
        key = 0;
        if (prefix.Length > MaxPackedDigits)
        {
            return false;
        }
        ulong value = 0;
        foreach (var c in prefix)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (uint)(c - '0');
        }
        key = ((ulong)prefix.Length << LengthShift) | value;
        return true;
    }


    /// <summary>Key and value side by side, so a hit costs one cache line.</summary>
    private readonly record struct Entry(ulong Key, TValue? Value);

    /// <summary>Prefix values by length, 1..17; index 0 unused.</summary>
    [InlineArray(MaxPackedDigits + 1)]
    private struct PrefixValues
    {
        private ulong _element;
    }

    /// <summary>A prefix found in a number: how many leading characters matched and the value stored for them.</summary>
    public readonly record struct PrefixMatch(int Length, TValue Value);

    /// <summary>Allocation-free enumerator over the matching prefixes, longest first.</summary>
    public ref struct Matches
    {
        private readonly PrefixIndex<TValue> _index;
        private readonly ReadOnlySpan<char> _number;
        private readonly int _digitRun;
        private PrefixValues _prefixValues;
        private readonly uint _candidates;
        private int _length;

        internal Matches(PrefixIndex<TValue> index, ReadOnlySpan<char> number)
        {
            _index = index;
            _number = number;
            _length = number.Length + 1;
            // The value of every digit prefix, computed once: dividing it back out per length costs more than the lookups.
            var run = 0;
            ulong value = 0;
            while (run < number.Length && run < MaxPackedDigits && char.IsAsciiDigit(number[run]))
            {
                value = (value * 10) + (uint)(number[run] - '0');
                run++;
                _prefixValues[run] = value;
            }
            _digitRun = run;
            Current = default;
            _candidates = index.Candidates(_prefixValues, run, out var touched);
            Touched = touched;
        }

        /// <summary>Keeps the warming loads of <see cref="PrefixIndex{TValue}.Candidates"/> observable.</summary>
        internal ulong Touched { get; }

        public PrefixMatch Current { get; private set; }

        public readonly Matches GetEnumerator() => this;

        public bool MoveNext()
        {
            while (--_length > 0)
            {
                var found = Probe(_length);
                if (found is not null)
                {
                    Current = new PrefixMatch(_length, found);
                    return true;
                }
            }
            return false;
        }

        private readonly TValue? Probe(int length)
        {
            if (length <= _digitRun)
            {
                if ((_candidates & (1u << length)) == 0)
                {
                    return null;
                }
                return _index.FindPacked(((ulong)length << LengthShift) | _prefixValues[length]);
            }
            if (length > _index._maxOtherLength || (length < 64 && (_index._otherLengths & (1UL << length)) == 0))
            {
                return null;
            }
            return _index._otherLookup.TryGetValue(_number[..length], out var other) ? other : null;
        }
    }
}
