using System.Text.Json;
using System.Text.Json.Nodes;
using Obol.Primitives;

namespace Obol.Config;

/// <summary>Findings of binding, located through the origins recorded while merging.</summary>
internal sealed class BindContext(IReadOnlyDictionary<string, ConfigOrigin> origins, List<ConfigDiagnostic> diagnostics)
{
    public void Error(string mergedPath, string message)
    {
        // A value set inside a replaced array has no origin of its own: the nearest recorded ancestor names the file,
        // and the rest of the path is the same in the file as in the merged tree.
        for (var path = mergedPath; path is not null; path = JsonPaths.Parent(path))
        {
            if (origins.TryGetValue(path, out var origin))
            {
                diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, origin.SourcePath + mergedPath[path.Length..], origin.File, message));
                return;
            }
        }
        diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, mergedPath, null, message));
    }
}

/// <summary>
/// Typed reads of one merged object. A value of the wrong shape is reported with its path and file, and the read
/// returns the fallback, so that binding always completes and every error is found in one pass.
/// </summary>
internal sealed class SectionReader(JsonObject node, string path, BindContext context)
{
    public string Path => path;

    public JsonObject Node => node;

    public bool Has(string key) => node[key] is not null;

    public string String(string key, string fallback = "") => OptionalString(key) ?? fallback;

    public string? OptionalString(string key)
    {
        var value = node[key];
        if (value is null)
        {
            return null;
        }
        if (value.GetValueKind() != JsonValueKind.String)
        {
            return Wrong<string?>(key, "a string", null);
        }
        return value.GetValue<string>();
    }

    public bool Bool(string key, bool fallback = false)
    {
        var value = node[key];
        return value?.GetValueKind() switch
        {
            null => fallback,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Wrong(key, "true or false", fallback),
        };
    }

    public int Int(string key, int fallback = 0) => OptionalInt(key) ?? fallback;

    public int? OptionalInt(string key)
    {
        var value = node[key];
        if (value is null)
        {
            return null;
        }
        if (value.GetValueKind() == JsonValueKind.Number && value is JsonValue v && v.TryGetValue<int>(out var number))
        {
            return number;
        }
        return Wrong<int?>(key, "an integer", null);
    }

    public decimal Decimal(string key, decimal fallback = 0)
    {
        var value = node[key];
        if (value is null)
        {
            return fallback;
        }
        if (value.GetValueKind() == JsonValueKind.Number && value is JsonValue v && v.TryGetValue<decimal>(out var number))
        {
            return number;
        }
        return Wrong(key, "a number", fallback);
    }

    /// <summary>A CGRateS duration string: Go syntax ("1m30s"), a bare integer of nanoseconds, or "" for zero.</summary>
    public Usage Duration(string key, Usage fallback = default) => OptionalDuration(key, emptyIsUnset: false) ?? fallback;

    /// <summary>As <see cref="Duration"/>, but absent (or, with <paramref name="emptyIsUnset"/>, "") is null.</summary>
    public Usage? OptionalDuration(string key, bool emptyIsUnset = true)
    {
        var text = OptionalString(key);
        if (text is null || (emptyIsUnset && text.Length == 0))
        {
            return null;
        }
        if (Usage.TryParse(text, out var usage))
        {
            return usage;
        }
        return Wrong<Usage?>(key, "a duration such as \"10s\", \"1h30m\" or nanoseconds", null, $"\"{text}\"");
    }

    /// <summary>One of <paramref name="allowed"/>; CGRateS accepts several of them without the leading '*'.</summary>
    public string Choice(string key, string fallback, params string[] allowed)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return fallback;
        }
        foreach (var choice in allowed)
        {
            if (choice == text)
            {
                return choice;
            }
        }
        return Wrong(key, "one of " + string.Join(", ", allowed), fallback, $"\"{text}\"");
    }

    public IReadOnlyList<string> Strings(string key) => OptionalStrings(key) ?? [];

    public IReadOnlyList<string>? OptionalStrings(string key)
    {
        var value = node[key];
        if (value is null)
        {
            return null;
        }
        if (value is not JsonArray array)
        {
            return Wrong<IReadOnlyList<string>?>(key, "an array of strings", null);
        }
        var list = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue item && item.GetValueKind() == JsonValueKind.String)
            {
                list.Add(item.GetValue<string>());
            }
            else
            {
                context.Error(JsonPaths.Index(JsonPaths.Key(path, key), i), $"expected a string, not {Kind(array[i])}");
            }
        }
        return list;
    }

    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Object(key) is { } map)
        {
            foreach (var (name, _) in map.Node)
            {
                result[name] = map.String(name);
            }
        }
        return result;
    }

    public IReadOnlyDictionary<string, Usage> DurationMap(string key)
    {
        var result = new Dictionary<string, Usage>(StringComparer.Ordinal);
        if (Object(key) is { } map)
        {
            foreach (var (name, _) in map.Node)
            {
                result[name] = map.Duration(name);
            }
        }
        return result;
    }

    public SectionReader? Object(string key)
    {
        var value = node[key];
        if (value is null)
        {
            return null;
        }
        if (value is not JsonObject obj)
        {
            return Wrong<SectionReader?>(key, "an object", null);
        }
        return new SectionReader(obj, JsonPaths.Key(path, key), context);
    }

    /// <summary>The object under <paramref name="key"/>, or an empty one so that its reads fall back.</summary>
    public SectionReader ObjectOrEmpty(string key) => Object(key) ?? new SectionReader([], JsonPaths.Key(path, key), context);

    public IReadOnlyList<T> Objects<T>(string key, Func<SectionReader, T> bind)
    {
        var value = node[key];
        if (value is null)
        {
            return [];
        }
        if (value is not JsonArray array)
        {
            return Wrong<IReadOnlyList<T>>(key, "an array of objects", []);
        }
        var list = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = JsonPaths.Index(JsonPaths.Key(path, key), i);
            if (array[i] is JsonObject item)
            {
                list.Add(bind(new SectionReader(item, itemPath, context)));
            }
            else
            {
                context.Error(itemPath, $"expected an object, not {Kind(array[i])}");
            }
        }
        return list;
    }

    /// <summary>Raw members of an options object, as immutable JSON.</summary>
    public IReadOnlyDictionary<string, JsonElement> RawMap(string key)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Object(key) is { } map)
        {
            foreach (var (name, value) in map.Node)
            {
                using var document = JsonDocument.Parse(value?.ToJsonString() ?? "null");
                result[name] = document.RootElement.Clone();
            }
        }
        return result;
    }

    /// <summary>The raw JSON text of a value that CGRateS takes as either a string or an object.</summary>
    public string RawText(string key)
    {
        var value = node[key];
        return value switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => value.ToJsonString(),
        };
    }

    public void Error(string key, string message) => context.Error(JsonPaths.Key(path, key), message);

    private T Wrong<T>(string key, string expected, T fallback, string? shown = null)
    {
        var actual = shown ?? Kind(node[key]);
        context.Error(JsonPaths.Key(path, key), $"expected {expected}, not {actual}");
        return fallback;
    }

    private static string Kind(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => "the number " + v.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "the string " + v.ToJsonString(),
        _ => JsonKinds.Describe(value?.GetValueKind() ?? JsonValueKind.Null),
    };
}
