using System.Numerics;

namespace Obol.Rating;

/// <summary>
/// An immutable longest-prefix index. Digit-only prefixes of up to 17 digits — nearly every telephone prefix — are
/// packed into a 64-bit key (length in the top bits, the digits' value below) and kept in an open-addressing table,
/// so a lookup hashes integers instead of strings and never allocates. Every other prefix sits in a string
/// dictionary probed through a span lookup.
/// </summary>
public sealed class PrefixIndex<TValue>
    where TValue : class
{
    private const int MaxPackedDigits = 17;
    private const int LengthShift = 57;
    private static readonly ulong[] s_powersOfTen = BuildPowers();

    private readonly Entry[] _entries;
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
    /// Loads the first slot of every candidate length before any is compared: the loads are independent, so the
    /// cache misses of a large table overlap instead of queueing one after another in the longest-first walk.
    /// </summary>
    private ulong TouchCandidates(ulong digitValue, int digitRun)
    {
        ulong touched = 0;
        var lengths = _packedLengths & ((2u << digitRun) - 1);
        while (lengths != 0)
        {
            var length = BitOperations.TrailingZeroCount(lengths);
            lengths &= lengths - 1;
            var key = ((ulong)length << LengthShift) | (digitValue / s_powersOfTen[digitRun - length]);
            touched ^= _entries[Slot(key)].Key;
        }
        return touched;
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

    private static ulong[] BuildPowers()
    {
        var powers = new ulong[MaxPackedDigits + 1];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    /// <summary>Key and value side by side, so a hit costs one cache line.</summary>
    private readonly record struct Entry(ulong Key, TValue? Value);

    /// <summary>A prefix found in a number: how many leading characters matched and the value stored for them.</summary>
    public readonly record struct PrefixMatch(int Length, TValue Value);

    /// <summary>Allocation-free enumerator over the matching prefixes, longest first.</summary>
    public ref struct Matches
    {
        private readonly PrefixIndex<TValue> _index;
        private readonly ReadOnlySpan<char> _number;
        private readonly int _digitRun;
        private readonly ulong _digitValue;
        private int _length;

        internal Matches(PrefixIndex<TValue> index, ReadOnlySpan<char> number)
        {
            _index = index;
            _number = number;
            _length = number.Length + 1;
            var run = 0;
            ulong value = 0;
            while (run < number.Length && run < MaxPackedDigits && char.IsAsciiDigit(number[run]))
            {
                value = (value * 10) + (uint)(number[run] - '0');
                run++;
            }
            _digitRun = run;
            _digitValue = value;
            Current = default;
            Touched = index.TouchCandidates(value, run);
        }

        /// <summary>Keeps the warming loads of <see cref="PrefixIndex{TValue}.TouchCandidates"/> observable.</summary>
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
                if ((_index._packedLengths & (1u << length)) == 0)
                {
                    return null;
                }
                var value = _digitValue / s_powersOfTen[_digitRun - length];
                return _index.FindPacked(((ulong)length << LengthShift) | value);
            }
            if (length > _index._maxOtherLength || (length < 64 && (_index._otherLengths & (1UL << length)) == 0))
            {
                return null;
            }
            return _index._otherLookup.TryGetValue(_number[..length], out var other) ? other : null;
        }
    }
}
