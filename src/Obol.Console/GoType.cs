namespace Obol.Console;

internal enum GoKind
{
    String,
    Bool,
    Int,
    Float,
    /// <summary>time.Duration: an int64 of nanoseconds on the wire.</summary>
    Duration,
    /// <summary>time.Time: an RFC 3339 string on the wire.</summary>
    Time,
    Any,
    Pointer,
    Slice,
    Map,
    Struct,
}

/// <summary>A Go type as far as encoding/json cares: its kind, element, and for structs the fields.</summary>
internal sealed class GoType
{
    private IReadOnlyList<GoField>? _fields;
    private IReadOnlyList<GoJsonField>? _jsonFields;

    private GoType(GoKind kind, string name, GoType? element = null)
    {
        Kind = kind;
        Name = name;
        Element = element;
    }

    public GoKind Kind { get; }

    /// <summary>The type as Go's reflect prints it, for unmarshal error messages.</summary>
    public string Name { get; }

    /// <summary>Pointer target, slice element, or map value.</summary>
    public GoType? Element { get; }

    /// <summary>The struct name without its package, as UnmarshalTypeError names it.</summary>
    public string ShortName => Name[(Name.LastIndexOf('.') + 1)..];

    public IReadOnlyList<GoField> Fields => _fields ??= GoTypes.ParseFields(this);

    /// <summary>The JSON-visible fields in Go's order, embedded structs promoted (encoding/json typeFields).</summary>
    public IReadOnlyList<GoJsonField> JsonFields => _jsonFields ??= GoJsonField.Collect(this);

    public static GoType Basic(GoKind kind, string name) => new(kind, name);

    public static GoType Composite(GoKind kind, string name, GoType element) => new(kind, name, element);

    public static GoType Struct(string name) => new(GoKind.Struct, name);

    public GoType Dereferenced => Kind == GoKind.Pointer ? Element!.Dereferenced : this;

    public override string ToString() => Name;
}

/// <summary>A struct field: its position, Go name, wire key and type, and what its json tag says.</summary>
/// <remarks>An embedded field is named after its type; <c>JsonName</c> is the tag's name, else the field name.</remarks>
internal sealed record GoField(int Index, string Name, string JsonName, GoType Type, bool Embedded, bool Tagged, bool OmitEmpty);

/// <summary>A field as encoding/json sees it: the index path through embedded structs down to it.</summary>
internal sealed record GoJsonField(string JsonName, IReadOnlyList<GoField> Path)
{
    public GoField Field => Path[^1];

    public static IReadOnlyList<GoJsonField> Collect(GoType type)
    {
        var candidates = new List<(GoJsonField Field, int Depth, bool Tagged)>();
        Walk(type, [], candidates, []);
        // Go's dominance rule: the shallowest field of a name wins; a tie is broken by a tag, otherwise all are hidden.
        var keep = new List<GoJsonField>();
        foreach (var candidate in candidates)
        {
            var rivals = candidates.Where(c => c.Field.JsonName == candidate.Field.JsonName).ToList();
            var depth = rivals.Min(r => r.Depth);
            var shallowest = rivals.Where(r => r.Depth == depth).ToList();
            var winner = shallowest.Count == 1 ? shallowest[0]
                : shallowest.Count(s => s.Tagged) == 1 ? shallowest.Single(s => s.Tagged) : default;
            if (winner.Field is not null && ReferenceEquals(winner.Field, candidate.Field))
            {
                keep.Add(candidate.Field);
            }
        }
        return keep;
    }

    private static void Walk(GoType type, List<GoField> prefix, List<(GoJsonField, int, bool)> into, HashSet<string> seen)
    {
        if (!seen.Add(type.Name))
        {
            return;
        }
        foreach (var field in type.Fields)
        {
            var path = new List<GoField>(prefix) { field };
            if (field.Embedded && !field.Tagged && field.Type.Dereferenced.Kind == GoKind.Struct)
            {
                Walk(field.Type.Dereferenced, path, into, [.. seen]);
                continue;
            }
            into.Add((new GoJsonField(field.JsonName, path), path.Count, field.Tagged));
        }
    }
}
