using System.Collections.Concurrent;

namespace Obol.Console;

/// <summary>Resolves the type spellings of <see cref="GoStructCatalog"/> into <see cref="GoType"/>s, once each.</summary>
internal static class GoTypes
{
    private static readonly ConcurrentDictionary<string, GoType> s_types = new(StringComparer.Ordinal);

    public static GoType Get(string spelling) => s_types.GetOrAdd(spelling, Create);

    private static GoType Create(string spelling)
    {
        if (spelling.StartsWith('*'))
        {
            var element = Get(spelling[1..]);
            return GoType.Composite(GoKind.Pointer, "*" + element.Name, element);
        }
        if (spelling.StartsWith("[]", StringComparison.Ordinal))
        {
            var element = Get(spelling[2..]);
            return GoType.Composite(GoKind.Slice, "[]" + element.Name, element);
        }
        if (spelling.StartsWith("map[", StringComparison.Ordinal))
        {
            var close = spelling.IndexOf(']', StringComparison.Ordinal);
            var element = Get(spelling[(close + 1)..]);
            return GoType.Composite(GoKind.Map, $"map[{spelling[4..close]}]{element.Name}", element);
        }
        return spelling switch
        {
            "string" => GoType.Basic(GoKind.String, spelling),
            "bool" => GoType.Basic(GoKind.Bool, spelling),
            "int" or "int8" or "int16" or "int32" or "int64" or "uint" or "uint8" or "uint16" or "uint32" or "uint64"
                => GoType.Basic(GoKind.Int, spelling),
            "float32" or "float64" => GoType.Basic(GoKind.Float, spelling),
            "time.Duration" => GoType.Basic(GoKind.Duration, spelling),
            "time.Time" => GoType.Basic(GoKind.Time, spelling),
            "any" => GoType.Basic(GoKind.Any, "interface {}"),
            // struct{} (set members) marshals as {} like any field-less struct.
            "struct{}" => GoType.Struct("struct {}"),
            _ when GoStructCatalog.Definitions.ContainsKey(spelling) => GoType.Struct(spelling),
            _ => throw new InvalidOperationException($"internal bug: Go type {spelling} is not in the catalog"),
        };
    }

    internal static IReadOnlyList<GoField> ParseFields(GoType type)
    {
        if (!GoStructCatalog.Definitions.TryGetValue(type.Name, out var definition))
        {
            return [];
        }
        var fields = new List<GoField>();
        foreach (var entry in definition.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 1)
            {
                var name = parts[0].TrimStart('*');
                fields.Add(new GoField(fields.Count, name[(name.LastIndexOf('.') + 1)..], name[(name.LastIndexOf('.') + 1)..],
                    Get(parts[0]), Embedded: true, Tagged: false, OmitEmpty: false));
                continue;
            }
            var tag = parts.Length > 2 ? parts[2] : null;
            var tagName = tag?.Split(',')[0];
            fields.Add(new GoField(fields.Count, parts[0], string.IsNullOrEmpty(tagName) ? parts[0] : tagName, Get(parts[1]),
                Embedded: false, Tagged: !string.IsNullOrEmpty(tagName), OmitEmpty: tag?.Split(',').Skip(1).Contains("omitempty") == true));
        }
        return fields;
    }
}
