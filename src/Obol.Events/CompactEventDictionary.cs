using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Obol.Events;

/// <summary>
/// A read-only event map held as a shared <see cref="EventShape"/> and one array of values: what a long-lived holder
/// (an active session) keeps instead of a <see cref="Dictionary{TKey, TValue}"/>, at about a quarter of its memory.
/// Enumerates in the source map's order.
/// </summary>
public sealed class CompactEventDictionary : IReadOnlyDictionary<string, object?>
{
    public static readonly CompactEventDictionary Empty = new(EventShape.Empty, []);

    private readonly EventShape _shape;
    private readonly object?[] _values;

    private CompactEventDictionary(EventShape shape, object?[] values)
    {
        _shape = shape;
        _values = values;
    }

    /// <summary>A snapshot of <paramref name="source"/>; the values themselves are shared (treated as immutable).</summary>
    public static CompactEventDictionary From(IReadOnlyDictionary<string, object?> source)
    {
        if (source.Count == 0)
        {
            return Empty;
        }
        var keys = new string[source.Count];
        var values = new object?[source.Count];
        var i = 0;
        foreach (var (key, value) in source)
        {
            keys[i] = key;
            values[i] = value;
            i++;
        }
        return new CompactEventDictionary(EventShape.Of(keys), values);
    }

    public int Count => _values.Length;

    public IEnumerable<string> Keys => _shape.Keys;

    public IEnumerable<object?> Values => _values;

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => _shape.IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = _shape.IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }
        value = _values[i];
        return true;
    }

    /// <summary>True when both hold the same keys in the same order with the same value references.</summary>
    public bool SameAs(CompactEventDictionary other) =>
        ReferenceEquals(this, other) || (_shape == other._shape && _values.AsSpan().SequenceEqual(other._values, ReferenceComparer.Instance));

    /// <summary>A new, writable dictionary of exactly this map's size.</summary>
    public Dictionary<string, object?> ToDictionary()
    {
        var map = new Dictionary<string, object?>(_values.Length, StringComparer.Ordinal);
        for (var i = 0; i < _values.Length; i++)
        {
            map.Add(_shape.Keys[i], _values[i]);
        }
        return map;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return KeyValuePair.Create(_shape.Keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class ReferenceComparer : IEqualityComparer<object?>
    {
        public static readonly ReferenceComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object? obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
