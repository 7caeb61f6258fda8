using System.Text.Json;
using Obol.Primitives;
using System.Text.Json.Nodes;

namespace Obol.Config;

/// <summary>
/// Merges one parsed file over the configuration built so far, the way CGRateS loads file after file into the same
/// CGRConfig: objects merge key by key, arrays are replaced (except those in <see cref="ConfigSchema.ArrayRules"/>),
/// <c>null</c> means "not set". Unknown keys are reported and dropped, like Go's decoder drops them.
/// </summary>
internal sealed class ConfigMerger(JsonObject root, JsonObject defaults, Dictionary<string, ConfigOrigin> origins, List<ConfigDiagnostic> diagnostics)
{
    private string _file = "";

    public void Merge(JsonObject source, string file)
    {
        _file = file;
        foreach (var (name, value) in source)
        {
            if (value is null)
            {
                continue;
            }
            var section = ConfigSchema.SectionAliases.GetValueOrDefault(name, name);
            if (defaults.ContainsKey(section))
            {
                if (value is not JsonObject obj)
                {
                    Error(name, $"a section must be an object, not {Kind(value)}");
                    continue;
                }
                MergeObject((JsonObject)root[section]!, obj, section, section, name, closed: true, knownKeys: null);
            }
            else if (ConfigSchema.RawSections.Contains(section))
            {
                root[section] = root[section] is JsonObject existing && value is JsonObject incoming
                    ? MergeRaw(existing, incoming)
                    : value.DeepClone();
            }
            else
            {
                Warning(name, "unknown section, ignored");
            }
        }
    }

    private void MergeObject(JsonObject target, JsonObject source, string schemaPath, string targetPath, string sourcePath,
        bool closed, IReadOnlySet<string>? knownKeys)
    {
        var templatedMap = ConfigSchema.TemplatedMaps.GetValueOrDefault(schemaPath);
        var open = ConfigSchema.OpenObjects.Contains(schemaPath);
        var optional = ConfigSchema.OptionalKeys.GetValueOrDefault(schemaPath);
        foreach (var (key, value) in source)
        {
            var keySourcePath = JsonPaths.Key(sourcePath, key);
            if (value is null)
            {
                continue;
            }
            if (ConfigSchema.KeyAliases.TryGetValue((schemaPath, key), out var aliasTarget))
            {
                SetAlias(target, aliasTarget, value, targetPath, keySourcePath);
                continue;
            }
            var keyTargetPath = JsonPaths.Key(targetPath, key);
            if (templatedMap is not null)
            {
                if (value is not JsonObject entry)
                {
                    target[key] = value.DeepClone();
                    Record(keyTargetPath, keySourcePath);
                    continue;
                }
                if (target[key] is not JsonObject existingEntry)
                {
                    existingEntry = templatedMap(defaults);
                    target[key] = existingEntry;
                }
                MergeObject(existingEntry, entry, schemaPath + ".*", keyTargetPath, keySourcePath, closed: true, knownKeys: null);
                continue;
            }
            var known = open || !closed || (knownKeys?.Contains(key) ?? target.ContainsKey(key)) || (optional?.Contains(key) ?? false);
            if (!known)
            {
                Warning(keySourcePath, "unknown key, ignored");
                continue;
            }
            var childSchema = JsonPaths.Key(schemaPath, key);
            var existing = target[key];
            if (value is JsonObject obj && existing is JsonObject existingObj)
            {
                MergeObject(existingObj, obj, childSchema, keyTargetPath, keySourcePath, closed: !open, knownKeys: null);
            }
            else if (value is JsonArray array && ConfigSchema.ArrayRules.TryGetValue(childSchema, out var rule))
            {
                MergeArray(target, key, array, rule, childSchema, keyTargetPath, keySourcePath);
            }
            else
            {
                target[key] = value.DeepClone();
                Record(keyTargetPath, keySourcePath);
            }
        }
    }

    private void MergeArray(JsonObject parent, string key, JsonArray source, ArrayRule rule, string schemaPath, string targetPath, string sourcePath)
    {
        var elementSchema = schemaPath + "[]";
        if (rule.Merge == ArrayMerge.MergeById)
        {
            if (parent[key] is not JsonArray target)
            {
                target = [];
                parent[key] = target;
            }
            for (var i = 0; i < source.Count; i++)
            {
                var elementSource = JsonPaths.Index(sourcePath, i);
                if (source[i] is not JsonObject element)
                {
                    Error(elementSource, $"expected an object, not {Kind(source[i])}");
                    continue;
                }
                var id = element["id"] is JsonValue idValue && idValue.GetValueKind() == JsonValueKind.String ? idValue.GetValue<string>() : null;
                var index = id is null ? -1 : IndexOfId(target, id);
                if (index < 0)
                {
                    target.Add(rule.Template(defaults));
                    index = target.Count - 1;
                }
                MergeObject((JsonObject)target[index]!, element, elementSchema, JsonPaths.Index(targetPath, index), elementSource, closed: true, knownKeys: null);
            }
            return;
        }
        var replaced = new JsonArray();
        parent[key] = replaced;
        Record(targetPath, sourcePath);
        for (var i = 0; i < source.Count; i++)
        {
            var elementSource = JsonPaths.Index(sourcePath, i);
            if (source[i] is not JsonObject element)
            {
                replaced.Add(source[i]?.DeepClone());
                continue;
            }
            var template = rule.Template(defaults);
            JsonObject merged;
            IReadOnlySet<string>? knownKeys = null;
            if (rule.Merge == ArrayMerge.ReplaceChecked)
            {
                knownKeys = template.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                merged = [];
            }
            else
            {
                merged = template;
                // CGRateS parity: config/rpcconn.go RemoteHost.loadFromJSONCfg drops the default address when an id is given.
                if (schemaPath == "rpc_conns.*.conns" && element.ContainsKey("id"))
                {
                    merged["address"] = "";
                    merged["transport"] = "";
                }
            }
            replaced.Add(merged);
            MergeObject(merged, element, elementSchema, JsonPaths.Index(targetPath, replaced.Count - 1), elementSource, closed: true, knownKeys);
        }
    }

    private void SetAlias(JsonObject target, string aliasTarget, JsonNode value, string targetPath, string sourcePath)
    {
        JsonObject holder = target;
        var path = targetPath;
        if (aliasTarget.StartsWith('/'))
        {
            holder = root;
            path = "";
            aliasTarget = aliasTarget[1..];
        }
        var steps = aliasTarget.Split('.');
        for (var i = 0; i < steps.Length - 1; i++)
        {
            path = JsonPaths.Key(path, steps[i]);
            if (holder[steps[i]] is not JsonObject next)
            {
                next = [];
                holder[steps[i]] = next;
            }
            holder = next;
        }
        holder[steps[^1]] = value.DeepClone();
        Record(JsonPaths.Key(path, steps[^1]), sourcePath);
    }

    private static int IndexOfId(JsonArray array, string id)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i]?["id"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == id)
            {
                return i;
            }
        }
        return -1;
    }

    private static JsonObject MergeRaw(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject obj && target[key] is JsonObject existing)
            {
                MergeRaw(existing, obj);
            }
            else if (value is not null)
            {
                target[key] = value.DeepClone();
            }
        }
        return target;
    }

    private void Record(string targetPath, string sourcePath) => origins[targetPath] = new ConfigOrigin(_file, sourcePath);

    private void Warning(string path, string message) => diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Warning, path, _file, message));

    private void Error(string path, string message) => diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, path, _file, message));

    private static string Kind(JsonNode? node) => JsonKinds.Describe(node?.GetValueKind() ?? JsonValueKind.Null);
}
