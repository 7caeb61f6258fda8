using Obol.Events;
using Obol.Filters;

namespace Obol.Attributes;

/// <summary>
/// The namespace one AttributeS call works on (engine/attributes.go <c>eNV</c>): <c>*req</c> is the event,
/// <c>*opts</c> its APIOpts, <c>*vars</c> the run counters, <c>*tenant</c> the tenant, and any other top-level name
/// a path writes to. Filters and rules read it live, so each attribute sees the changes made before it.
/// Writes follow utils.MapStorage: missing maps on the way are created, a non-map on the way is <c>WRONG_PATH</c>.
/// </summary>
internal sealed class AttributeEventData : IDataProvider
{
    public const string WrongPath = "WRONG_PATH";
    public const string ProcessRunsVar = "*processRuns";
    public const string ProcessedProfileIdsVar = "*processedProfileIDs";
    public const string ProfileTenantIdVar = "*apTenantID";
    private const string TenantProvider = "*tenant";

    private string? _tenant;
    private Dictionary<string, object?>? _others;

    /// <summary>A null <paramref name="tenant"/> leaves <c>*tenant</c> out, as GetAttributeForEvent does.</summary>
    public AttributeEventData(CgrEvent cgrEvent, string? tenant)
    {
        Event = cgrEvent;
        _tenant = tenant;
        Vars = new Dictionary<string, object?>(3, StringComparer.Ordinal) { [ProcessRunsVar] = 0 };
    }

    public CgrEvent Event { get; }

    public Dictionary<string, object?> Vars { get; }

    public void SetTenantValue(string tenant) => _tenant = tenant;

    /// <summary>Records an applied profile in <c>*vars.*processedProfileIDs</c>, so filters of later runs can test
    /// <c>~*vars.*processedProfileIDs[cgrates.org:ATTR1]</c>.</summary>
    public void AddProcessed(string matchedId)
    {
        if (!Vars.TryGetValue(ProcessedProfileIdsVar, out var set) || set is not Dictionary<string, object?> processed)
        {
            Vars[ProcessedProfileIdsVar] = processed = new Dictionary<string, object?>(StringComparer.Ordinal);
        }
        processed[matchedId] = null;
    }

    public bool TryGetField(ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        return path.Length != 0 && TryRoot(path[0], out var root) && FieldPath.TryWalk(root, path[1..], out value);
    }

    /// <summary>utils.MapStorage.FieldAsString: the current text of a path, null when it is missing.</summary>
    public string? FieldAsString(ReadOnlySpan<string> path) =>
        TryGetField(path, out var value) ? GoInterfaceValues.AsString(value) : null;

    /// <summary>utils.MapStorage.Set; null or <see cref="WrongPath"/>.</summary>
    public string? Set(ReadOnlySpan<string> path, string value)
    {
        if (path.Length == 1)
        {
            (_others ??= new Dictionary<string, object?>(StringComparer.Ordinal))[path[0]] = value;
            return null;
        }
        if (!TryWritableRoot(path[0], create: true, out var map))
        {
            return WrongPath;
        }
        for (var i = 1; i < path.Length - 1; i++)
        {
            if (!map!.TryGetValue(path[i], out var child))
            {
                var created = new OwnedMap();
                map[path[i]] = created;
                map = created;
                continue;
            }
            if (!TryOwnedMap(child, out var owned))
            {
                return WrongPath;
            }
            // The event was cloned one level deep; a nested map may still be the caller's, so it is copied once.
            map[path[i]] = owned;
            map = owned;
        }
        map![path[^1]] = value;
        return null;
    }

    /// <summary>utils.MapStorage.Remove: a missing path is already removed.</summary>
    public string? Remove(ReadOnlySpan<string> path)
    {
        if (path.Length == 1)
        {
            _others?.Remove(path[0]);
            return null;
        }
        if (!TryWritableRoot(path[0], create: false, out var map))
        {
            return WrongPath;
        }
        for (var i = 1; map is not null && i < path.Length - 1; i++)
        {
            if (!map.TryGetValue(path[i], out var child))
            {
                return null;
            }
            if (!TryOwnedMap(child, out var owned))
            {
                return WrongPath;
            }
            map[path[i]] = owned;
            map = owned;
        }
        map?.Remove(path[^1]);
        return null;
    }

    private bool TryRoot(string name, out object? root)
    {
        switch (name)
        {
            case FilterEvent.Req:
                root = Event.Event;
                return true;
            case FilterEvent.Opts:
                root = Event.ApiOpts;
                return true;
            case FilterEvent.Vars:
                root = Vars;
                return true;
            case TenantProvider when _tenant is not null:
                root = _tenant;
                return true;
            default:
                root = null;
                return _others is not null && _others.TryGetValue(name, out root);
        }
    }

    /// <summary>The map a path's first segment names; false when it is not a map (<c>*tenant</c>, a string).</summary>
    private bool TryWritableRoot(string name, bool create, out Dictionary<string, object?>? map)
    {
        switch (name)
        {
            case FilterEvent.Req:
                map = Event.Event;
                return true;
            case FilterEvent.Opts:
                map = Event.ApiOpts;
                return true;
            case FilterEvent.Vars:
                map = Vars;
                return true;
            case TenantProvider when _tenant is not null:
                map = null;
                return false;
        }
        if (_others is not null && _others.TryGetValue(name, out var root))
        {
            if (!TryOwnedMap(root, out var owned))
            {
                map = null;
                return false;
            }
            _others[name] = map = owned;
            return true;
        }
        if (!create)
        {
            map = null;
            return true;
        }
        map = new OwnedMap();
        (_others ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = map;
        return true;
    }

    private static bool TryOwnedMap(object? node, out Dictionary<string, object?> owned)
    {
        switch (node)
        {
            case OwnedMap own:
                owned = own;
                return true;
            case IEnumerable<KeyValuePair<string, object?>> map when node is IDictionary<string, object?> or IReadOnlyDictionary<string, object?>:
                owned = new OwnedMap(map);
                return true;
            default:
                owned = null!;
                return false;
        }
    }

    /// <summary>A nested map this call made or copied, so it is written in place from then on.</summary>
    private sealed class OwnedMap : Dictionary<string, object?>
    {
        public OwnedMap()
            : base(StringComparer.Ordinal)
        {
        }

        public OwnedMap(IEnumerable<KeyValuePair<string, object?>> source)
            : base(source, StringComparer.Ordinal)
        {
        }
    }
}
