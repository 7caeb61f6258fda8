namespace Obol.Stats;

/// <summary>An event whose <c>*req</c> fields are a flat map, as a CGREvent's <c>Event</c> is.</summary>
public sealed class MapStatEvent(IReadOnlyDictionary<string, object?> request) : IStatEvent
{
    public const string RequestPrefix = "*req.";

    public IReadOnlyDictionary<string, object?> Request { get; } = request;

    public bool TryGet(string path, out object? value)
    {
        value = null;
        return path.StartsWith(RequestPrefix, StringComparison.Ordinal)
            && Request.TryGetValue(path[RequestPrefix.Length..], out value);
    }
}
