using System.Globalization;
using NodaTime;
using Obol.GoJson;

namespace Obol.Console;

/// <summary>
/// json.Unmarshal into an existing Go value: keys match fields exactly or else case-insensitively, unknown keys are
/// ignored, nil pointers and maps are allocated on demand, existing structs and maps are merged into, and a value of
/// the wrong JSON kind fails with Go's UnmarshalTypeError wording.
/// </summary>
internal static class GoUnmarshaller
{
    public static void Into(GoStruct target, object? json)
    {
        // A top-level null leaves the struct as it was; any other non-object is a type error.
        Decode(target.Type, target, json, new Context(target.Type.ShortName, []));
    }

    private sealed record Context(string Struct, List<string> Fields);

    private static object? Decode(GoType type, object? current, object? json, Context context)
    {
        if (json is null)
        {
            return type.Kind is GoKind.Pointer or GoKind.Slice or GoKind.Map or GoKind.Any ? null : current;
        }
        switch (type.Kind)
        {
            case GoKind.Pointer:
                return Decode(type.Element!, current ?? GoStruct.Zero(type.Element!), json, context);
            case GoKind.Any:
                return Generic(json);
            case GoKind.String:
                return json as string ?? throw Mismatch(json, type, context);
            case GoKind.Bool:
                return json as bool? ?? throw Mismatch(json, type, context);
            case GoKind.Float:
                return json is GoJsonNumber n
                    ? double.Parse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : throw Mismatch(json, type, context);
            case GoKind.Int or GoKind.Duration:
                if (json is GoJsonNumber i)
                {
                    return long.TryParse(i.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                        ? value
                        : throw Mismatch(json, type, context, "number " + i.Text);
                }
                throw Mismatch(json, type, context);
            case GoKind.Time:
                if (json is not string text)
                {
                    throw Mismatch(json, type, context);
                }
                if (!GoJsonTimes.TryParseRfc3339(text, out OffsetDateTime time))
                {
                    throw new FormatException(
                        $"parsing time \"\\\"{text}\\\"\" as \"\\\"2006-01-02T15:04:05Z07:00\\\"\": cannot parse \"{text}\\\"\" as \"2006\"");
                }
                return new GoTime(GoJsonTimes.FormatRfc3339Nano(time));
            case GoKind.Slice:
                if (json is not List<object?> items)
                {
                    throw Mismatch(json, type, context);
                }
                return items.Select(item => Decode(type.Element!, GoStruct.Zero(type.Element!), item, context)).ToList();
            case GoKind.Map:
                if (json is not GoJsonObject members)
                {
                    throw Mismatch(json, type, context);
                }
                var map = current as SortedDictionary<string, object?> ?? GoStruct.NewMap();
                foreach (var (key, value) in members)
                {
                    map.TryGetValue(key, out var existing);
                    map[key] = Decode(type.Element!, existing ?? GoStruct.Zero(type.Element!), value, context);
                }
                return map;
            case GoKind.Struct:
                if (json is not GoJsonObject fields)
                {
                    throw Mismatch(json, type, context);
                }
                var target = current as GoStruct ?? new GoStruct(type);
                foreach (var (key, value) in fields)
                {
                    DecodeField(target, key, value, context);
                }
                return target;
            default:
                throw new InvalidOperationException($"internal bug: unhandled Go kind {type.Kind}");
        }
    }

    private static void DecodeField(GoStruct target, string key, object? value, Context context)
    {
        var fields = target.Type.JsonFields;
        var field = fields.FirstOrDefault(f => f.JsonName == key)
            ?? fields.FirstOrDefault(f => string.Equals(f.JsonName, key, StringComparison.OrdinalIgnoreCase));
        if (field is null)
        {
            return;
        }
        // Walk down embedded structs, allocating nil embedded pointers as Go's decoder does.
        var holder = target;
        foreach (var step in field.Path.SkipLast(1))
        {
            holder.Values[step.Index] ??= new GoStruct(step.Type.Dereferenced);
            holder = (GoStruct)holder.Values[step.Index]!;
        }
        var inner = new Context(target.Type.ShortName, [.. context.Fields, field.JsonName]);
        holder.Values[field.Field.Index] = Decode(field.Field.Type, holder.Values[field.Field.Index], value, inner);
    }

    /// <summary>Decodes into interface{}: objects become maps, numbers float64.</summary>
    private static object? Generic(object? json) => json switch
    {
        GoJsonObject members => members.Aggregate(GoStruct.NewMap(), (map, m) =>
        {
            map[m.Key] = Generic(m.Value);
            return map;
        }),
        List<object?> items => items.Select(Generic).ToList(),
        GoJsonNumber number => double.Parse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => json,
    };

    private static FormatException Mismatch(object json, GoType type, Context context, string? what = null)
    {
        what ??= json switch
        {
            string => "string",
            bool => "bool",
            GoJsonNumber => "number",
            List<object?> => "array",
            _ => "object",
        };
        var name = type.Name;
        return context.Fields.Count == 0
            ? new FormatException($"json: cannot unmarshal {what} into Go value of type {name}")
            : new FormatException($"json: cannot unmarshal {what} into Go struct field {context.Struct}.{string.Join('.', context.Fields)} of type {name}");
    }
}
