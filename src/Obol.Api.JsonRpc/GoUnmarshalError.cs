using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Obol.Api.JsonRpc;

/// <summary>
/// Words an argument decoding failure like Go's <c>json.UnmarshalTypeError</c>:
/// <c>json: cannot unmarshal string into Go struct field StatusArgs.Debug of type bool (CoreSv1.Status)</c>.
/// Go names the innermost struct and the field path; the C# type names stand in for Go's, and the method is appended
/// because a client juggling several calls is otherwise left guessing.
/// </summary>
internal static class GoUnmarshalError
{
    private const string SerializerMessagePrefix = "The JSON value could not be converted to";

    public static string Describe(Exception exception, ReadOnlySpan<byte> json, JsonTypeInfo root, string method)
    {
        var segments = ParsePath((exception as JsonException)?.Path);
        var kind = KindAt(json, segments);
        var info = root;
        var structName = (string?)null;
        var fields = new List<string>();
        var visited = new HashSet<string?> { info.Type.FullName };
        foreach (var segment in segments)
        {
            var next = Step(info, segment, ref structName, fields);
            if (next is null)
            {
                break;
            }
            info = next;
            visited.Add(info.Type.FullName);
        }
        var text = new StringBuilder("json: cannot unmarshal ");
        // The serializer names the value's type, or for constructor-bound members the declaring type. Naming neither
        // means the path does not lead to the failing value (a converter deserializing nested values restarts it at
        // "$"), and only the serializer's word on the type can be trusted.
        if (SerializerTargetType(exception.Message) is { } target && !visited.Contains(target))
        {
            var type = Type.GetType(target);
            return text.Append("value into Go value of type ").Append(type is null ? target[(target.LastIndexOf('.') + 1)..] : TypeName(type))
                .Append(" (").Append(method).Append(')').ToString();
        }
        text.Append(kind);
        if (fields.Count == 0 || structName is null)
        {
            text.Append(" into Go value of type ").Append(TypeName(info.Type));
        }
        else
        {
            text.Append(" into Go struct field ").Append(structName).Append('.').AppendJoin('.', fields)
                .Append(" of type ").Append(TypeName(info.Type));
        }
        // Converters (durations, times, decimals) explain themselves; the serializer's own text adds nothing.
        if (!exception.Message.StartsWith(SerializerMessagePrefix, StringComparison.Ordinal))
        {
            text.Append(": ").Append(exception.Message);
        }
        return text.Append(" (").Append(method).Append(')').ToString();
    }

    // "The JSON value could not be converted to System.Int32. Path: …" names the CLR type being read.
    private static string? SerializerTargetType(string message)
    {
        if (!message.StartsWith(SerializerMessagePrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var start = SerializerMessagePrefix.Length + 1;
        var end = message.IndexOf(". Path:", start, StringComparison.Ordinal);
        return end > start ? message[start..end] : null;
    }

    private static JsonTypeInfo? Step(JsonTypeInfo info, PathSegment segment, ref string? structName, List<string> fields)
    {
        var options = info.Options;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable when segment.Name is null:
                return options.GetTypeInfo(info.ElementType!);
            case JsonTypeInfoKind.Dictionary when segment.Name is not null:
                fields.Add(segment.Name);
                return options.GetTypeInfo(info.ElementType!);
            case JsonTypeInfoKind.Object when segment.Name is not null:
                foreach (var property in info.Properties)
                {
                    if (string.Equals(property.Name, segment.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        structName = TypeName(info.Type);
                        fields.Add(property.Name);
                        return options.GetTypeInfo(property.PropertyType);
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static string KindAt(ReadOnlySpan<byte> json, List<PathSegment> segments)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var element = document.RootElement;
            foreach (var segment in segments)
            {
                if (segment.Name is { } name && element.ValueKind == JsonValueKind.Object)
                {
                    if (!element.TryGetProperty(name, out var child))
                    {
                        child = element.EnumerateObject().FirstOrDefault(p => p.NameEquals(name) || string.Equals(p.Name, name,
                            StringComparison.OrdinalIgnoreCase)).Value;
                    }
                    element = child;
                }
                else if (segment.Name is null && element.ValueKind == JsonValueKind.Array && segment.Index < element.GetArrayLength())
                {
                    element = element[segment.Index];
                }
                else
                {
                    break;
                }
            }
            return element.ValueKind switch
            {
                JsonValueKind.Object => "object",
                JsonValueKind.Array => "array",
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                JsonValueKind.True or JsonValueKind.False => "bool",
                JsonValueKind.Null => "null",
                _ => "value",
            };
        }
        catch (JsonException)
        {
            return "value";
        }
    }

    private readonly record struct PathSegment(string? Name, int Index);

    // System.Text.Json paths: $.Name, $['odd.name'], $[3], chained.
    private static List<PathSegment> ParsePath(string? path)
    {
        var segments = new List<PathSegment>();
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return segments;
        }
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(new PathSegment(path[(i + 1)..end], 0));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }
                segments.Add(new PathSegment(path[(i + 2)..end], 0));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index))
                {
                    break;
                }
                segments.Add(new PathSegment(null, index));
                i = end + 1;
            }
            else
            {
                break;
            }
        }
        return segments;
    }

    /// <summary>The Go type name a CGRateS handler's argument would have: int64 for long, float64 for decimal (CGRateS
    /// keeps money and weights in float64), []T for lists, map[K]V for dictionaries, time.Duration for usages.</summary>
    internal static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying);
        }
        if (type.IsArray)
        {
            return "[]" + TypeName(type.GetElementType()!);
        }
        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var definition = type.GetGenericTypeDefinition();
            if (arguments.Length == 2 && definition.GetInterfaces().Concat([definition]).Any(i => i.IsGenericType
                && i.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>))))
            {
                return $"map[{TypeName(arguments[0])}]{TypeName(arguments[1])}";
            }
            if (arguments.Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                return "[]" + TypeName(arguments[0]);
            }
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}<{string.Join(", ", arguments.Select(TypeName))}>";
        }
        if (type.FullName == "Obol.Primitives.Usage")
        {
            return "time.Duration";
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.String => "string",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "int64",
            TypeCode.Int16 => "int16",
            TypeCode.Byte => "uint8",
            TypeCode.UInt32 => "uint32",
            TypeCode.UInt64 => "uint64",
            TypeCode.Double or TypeCode.Decimal => "float64",
            TypeCode.Single => "float32",
            // JsonElement is how Obol takes "any JSON", Go's interface {}.
            _ => type == typeof(object) || type == typeof(System.Text.Json.JsonElement) ? "interface {}" : type.Name,
        };
    }
}
