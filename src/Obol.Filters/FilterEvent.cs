namespace Obol.Filters;

/// <summary>
/// A CGREvent as FilterS sees it: the event under <c>*req</c>, APIOpts under <c>*opts</c>, <c>*vars</c>, and any other
/// named map a caller adds (e.g. <c>*cgreq</c>, <c>*cgrep</c>). Values are CGRateS's interface{}: string, numbers,
/// bool, NodaTime times, <c>Usage</c>/<c>Duration</c>, nested maps and lists.
/// </summary>
public sealed class FilterEvent : IDataProvider
{
    public const string Req = "*req";
    public const string Opts = "*opts";
    public const string Vars = "*vars";

    private static readonly Dictionary<string, object?> s_empty = [];
    private readonly IReadOnlyDictionary<string, object?> _req;
    private readonly IReadOnlyDictionary<string, object?> _opts;
    private readonly IReadOnlyDictionary<string, object?> _vars;
    private Dictionary<string, object?>? _others;

    public FilterEvent(
        IReadOnlyDictionary<string, object?> req,
        IReadOnlyDictionary<string, object?>? opts = null,
        IReadOnlyDictionary<string, object?>? vars = null)
    {
        _req = req;
        _opts = opts ?? s_empty;
        _vars = vars ?? s_empty;
    }

    public IReadOnlyDictionary<string, object?> Event => _req;

    public IReadOnlyDictionary<string, object?> ApiOpts => _opts;

    /// <summary>Adds another top-level provider such as <c>*cgreq</c>.</summary>
    public FilterEvent With(string provider, object? data)
    {
        (_others ??= new Dictionary<string, object?>(StringComparer.Ordinal))[provider] = data;
        return this;
    }

    public bool TryGetField(ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        if (path.Length == 0)
        {
            return false;
        }
        object? root;
        switch (path[0])
        {
            case Req:
                root = _req;
                break;
            case Opts:
                root = _opts;
                break;
            case Vars:
                root = _vars;
                break;
            default:
                if (_others is null || !_others.TryGetValue(path[0], out root))
                {
                    return false;
                }
                break;
        }
        return FieldPath.TryWalk(root, path[1..], out value);
    }
}
