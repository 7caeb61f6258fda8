using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Obol.Events;

/// <summary>
/// The keys of an event map in their insertion order, shared by every <see cref="CompactEventDictionary"/> with the same keys:
/// agents send the same fields call after call, so ten thousand held sessions keep one key table instead of ten
/// thousand hash tables.
/// </summary>
public sealed class EventShape
{
    // Bounds the table when clients send ever-new field names; past it, maps get a shape of their own.
    private const int MaxShared = 4096;

    private static readonly ConcurrentDictionary<string[], EventShape> s_shared = new(KeysComparer.Instance);

    public static readonly EventShape Empty = new([]);

    private readonly FrozenDictionary<string, int> _index;

    private EventShape(string[] keys)
    {
        Keys = keys;
        _index = keys.Select((k, i) => KeyValuePair.Create(k, i)).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The keys in the order the map enumerated them.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The shared shape of <paramref name="keys"/> (taken over: the caller must not change the array).</summary>
    public static EventShape Of(string[] keys)
    {
        if (keys.Length == 0)
        {
            return Empty;
        }
        if (s_shared.TryGetValue(keys, out var shape))
        {
            return shape;
        }
        shape = new EventShape(keys);
        return s_shared.Count < MaxShared ? s_shared.GetOrAdd(keys, shape) : shape;
    }

    public int IndexOf(string key) => _index.TryGetValue(key, out var i) ? i : -1;

    private sealed class KeysComparer : IEqualityComparer<string[]>
    {
        public static readonly KeysComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj)
        {
            var hash = new HashCode();
            foreach (var key in obj)
            {
                hash.Add(key, StringComparer.Ordinal);
            }
            return hash.ToHashCode();
        }
    }
}
