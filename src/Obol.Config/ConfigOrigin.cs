namespace Obol.Config;

/// <summary>Where a merged value came from: the file and the JSON path as written there.</summary>
internal readonly record struct ConfigOrigin(string File, string SourcePath);

internal static class JsonPaths
{
    public static string Key(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    public static string Index(string parent, int index) => parent + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>The parent path, or null at the top: <c>a.b[2]</c> → <c>a.b</c> → <c>a</c>.</summary>
    public static string? Parent(string path)
    {
        if (path.Length > 0 && path[^1] == ']')
        {
            var open = path.LastIndexOf('[');
            return open > 0 ? path[..open] : null;
        }
        var dot = path.LastIndexOf('.');
        return dot > 0 ? path[..dot] : null;
    }
}
