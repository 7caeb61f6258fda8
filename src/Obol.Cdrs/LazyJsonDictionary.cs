using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Obol.Cdrs;

/// <summary>
/// A JSON object read as a map (<see cref="JsonValues.ToObject"/>) only when something first looks into it. A rated
/// CDR's CostDetails go to ThresholdS and StatS this way: their filters seldom read the cost's charges, and decoding
/// every CDR's EventCost into maps was a tenth of what a call's lifecycle allocated.
/// </summary>
public sealed class LazyJsonDictionary(string json) : IDictionary<string, object?>, IReadOnlyDictionary<string, object?>
{
    private Dictionary<string, object?>? _map;

    /// <summary>The decoded map (decoded once, by whichever reader comes first).</summary>
    public Dictionary<string, object?> Map => LazyInitializer.EnsureInitialized(ref _map, Decode);

    public int Count => Map.Count;

    public bool IsReadOnly => false;

    public ICollection<string> Keys => Map.Keys;

    public ICollection<object?> Values => Map.Values;

    IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => Map.Keys;

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => Map.Values;

    public object? this[string key]
    {
        get => Map[key];
        set => Map[key] = value;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => Map.TryGetValue(key, out value);

    public bool ContainsKey(string key) => Map.ContainsKey(key);

    public void Add(string key, object? value) => Map.Add(key, value);

    public bool Remove(string key) => Map.Remove(key);

    public void Add(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Map).Add(item);

    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Map).Remove(item);

    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Map).Contains(item);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)Map).CopyTo(array, arrayIndex);

    public void Clear() => Map.Clear();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<string, object?> Decode()
    {
        using var document = JsonDocument.Parse(json);
        return JsonValues.ToObject(document.RootElement) as Dictionary<string, object?> ?? new(StringComparer.Ordinal);
    }
}
