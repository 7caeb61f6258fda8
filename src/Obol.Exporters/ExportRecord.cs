namespace Obol.Exporters;

/// <summary>
/// utils.OrderedNavigableMap of one export: the values set by the templates, in the order they were first set.
/// Paths exclude their <c>*exp</c>/<c>*hdr</c>/<c>*trl</c> prefix. Every value is a string, as Go's templates produce.
/// </summary>
public sealed class ExportRecord
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    /// <summary>Path (segments joined by <c>.</c>) and value, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>OrderedFieldsAsStrings: the values in order (a CSV row, the FWV pieces).</summary>
    public string[] Values() => [.. _fields.Select(f => f.Value)];

    /// <summary>SetAsSlice: replaces the value at the path, keeping its place.</summary>
    internal void Set(string path, string value)
    {
        var i = IndexOf(path);
        if (i >= 0)
        {
            _fields[i] = new(path, value);
        }
        else
        {
            _fields.Add(new(path, value));
        }
    }

    /// <summary>Compose: appends to the value already at the path, or sets it.</summary>
    internal void Compose(string path, string value)
    {
        var i = IndexOf(path);
        if (i >= 0)
        {
            _fields[i] = new(path, _fields[i].Value + value);
        }
        else
        {
            _fields.Add(new(path, value));
        }
    }

    private int IndexOf(string path) => _fields.FindIndex(f => f.Key == path);
}
