namespace Obol.Filters;

/// <summary>A <c>~*req.A.B</c> path split once at build time (utils.SplitPath: dots inside <c>[...]</c> do not split).</summary>
public static class FieldPath
{
    public const char DynamicPrefix = '~';

    public static bool IsDynamic(string text) => text.Length > 1 && text[0] == DynamicPrefix;

    /// <summary>Splits a path without its <c>~</c>; null when a segment is empty (e.g. <c>*req..A</c>).</summary>
    public static string[]? Split(ReadOnlySpan<char> path)
    {
        var segments = new List<string>(4);
        var nesting = 0;
        var start = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i < path.Length)
            {
                var c = path[i];
                if (c == '[')
                {
                    nesting++;
                }
                else if (c == ']')
                {
                    nesting--;
                }
                if (c != '.' || nesting != 0)
                {
                    continue;
                }
            }
            if (i == start)
            {
                return null;
            }
            segments.Add(path[start..i].ToString());
            start = i + 1;
        }
        return [.. segments];
    }

    /// <summary>Walks nested maps and lists: <c>A</c> looks up a key, <c>A[0]</c> an element, <c>A[k]</c> a key of A.</summary>
    public static bool TryWalk(object? root, ReadOnlySpan<string> path, out object? value)
    {
        value = root;
        foreach (var segment in path)
        {
            var open = segment.Length > 2 && segment[^1] == ']' ? segment.IndexOf('[', StringComparison.Ordinal) : -1;
            if (open > 0)
            {
                if (!TryChild(value, segment[..open], out value) || !TryIndex(value, segment.AsSpan(open + 1, segment.Length - open - 2), out value))
                {
                    return false;
                }
            }
            else if (!TryChild(value, segment, out value))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryChild(object? node, string key, out object? value)
    {
        switch (node)
        {
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(key, out value);
            case IDictionary<string, object?> map:
                return map.TryGetValue(key, out value);
            case IReadOnlyDictionary<string, string> strings when strings.TryGetValue(key, out var text):
                value = text;
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static bool TryIndex(object? node, ReadOnlySpan<char> index, out object? value)
    {
        value = null;
        if (node is System.Collections.IList list)
        {
            if (!int.TryParse(index, out var i))
            {
                return false;
            }
            if (i < 0)
            {
                i += list.Count;
            }
            if (i < 0 || i >= list.Count)
            {
                return false;
            }
            value = list[i];
            return true;
        }
        return TryChild(node, index.ToString(), out value);
    }
}
