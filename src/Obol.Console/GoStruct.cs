namespace Obol.Console;

/// <summary>
/// A Go struct value. Field values: string, bool, long (ints, durations), double, <see cref="GoTime"/>, null for nil
/// pointers, slices, maps and interfaces, <see cref="List{T}"/> for slices, <see cref="SortedDictionary{K,V}"/> for maps
/// (Go marshals map keys sorted), <see cref="GoStruct"/> for structs; a non-nil pointer holds its target directly.
/// </summary>
internal sealed class GoStruct
{
    public GoStruct(GoType type)
    {
        Type = type;
        Values = [.. type.Fields.Select(f => Zero(f.Type))];
    }

    public GoType Type { get; }

    public object?[] Values { get; }

    public static object? Zero(GoType type) => type.Kind switch
    {
        GoKind.String => "",
        GoKind.Bool => false,
        GoKind.Int or GoKind.Duration => 0L,
        GoKind.Float => 0.0,
        GoKind.Time => GoTime.Zero,
        GoKind.Struct => new GoStruct(type),
        _ => null,
    };

    public static SortedDictionary<string, object?> NewMap() => new(StringComparer.Ordinal);
}

/// <summary>A time.Time as Go marshals it (RFC 3339 with nanoseconds, trailing zeros dropped).</summary>
internal sealed record GoTime(string Text)
{
    public static readonly GoTime Zero = new("0001-01-01T00:00:00Z");

    public static GoTime Now()
    {
        var now = DateTimeOffset.Now;
        var text = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return new GoTime(text + (now.Offset == TimeSpan.Zero ? "Z" : now.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
