using System.Text.Json.Nodes;

namespace Obol.Config;

/// <summary>
/// Loads cgrates.json configurations: the embedded defaults, then one file or every <c>*.json</c> of a folder tree,
/// each merged over the previous. Never throws on user input; everything wrong is a <see cref="ConfigDiagnostic"/>.
/// </summary>
public static class ConfigLoader
{
    private const string DefaultsResource = "Obol.Config.defaults.json";

    private static readonly Lazy<JsonObject> s_defaults = new(ParseDefaults);

    /// <summary>
    /// Loads <paramref name="path"/>: a file, or a folder whose <c>*.json</c> files load in ordinal name order, then
    /// its subfolders' in the same way, depth first (CGRateS parity: config/config.go loadConfigFromFolder walks with
    /// filepath.Walk). Hidden files and folders are skipped. Null or empty loads the defaults alone.
    /// </summary>
    /// <param name="path">A cgrates.json file or a configuration folder (cgr-engine's -config_path).</param>
    /// <param name="getEnvironmentVariable">Resolves <c>*env:NAME</c>; the process environment when null.</param>
    /// <param name="overrides">Texts merged over the files, each named by its source (command-line flags).</param>
    /// <param name="baseConfig">A configuration the files are merged over instead of the defaults alone (a reload over
    /// the running one).</param>
    public static ConfigLoadResult Load(string? path, Func<string, string?>? getEnvironmentVariable = null,
        IEnumerable<(string Source, string Json)>? overrides = null, ObolConfig? baseConfig = null)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var files = new List<string>();
        if (!string.IsNullOrEmpty(path))
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                CollectFolder(path, files, diagnostics);
                if (files.Count == 0 && diagnostics.Count == 0)
                {
                    diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, "", path, "no .json configuration file found in this folder or below"));
                }
            }
            else
            {
                diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, "", path, "path is not reachable: no such file or folder"));
            }
        }
        var sources = new List<(string File, string Text)>();
        foreach (var file in files)
        {
            try
            {
                sources.Add((file, File.ReadAllText(file)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, "", file, "cannot read: " + ex.Message));
            }
        }
        if (baseConfig is not null)
        {
            sources.Insert(0, (RunningSource, baseConfig.ToJson()));
        }
        sources.AddRange(overrides ?? []);
        return Build(sources, getEnvironmentVariable, diagnostics);
    }

    /// <summary>Loads configuration text merged over the defaults; <paramref name="source"/> names it in diagnostics.</summary>
    public static ConfigLoadResult LoadText(string json, Func<string, string?>? getEnvironmentVariable = null, string source = "<text>") =>
        Build([(source, json)], getEnvironmentVariable, []);

    /// <summary>Loads several texts merged in order over the defaults, as files of one folder would be.</summary>
    public static ConfigLoadResult LoadTexts(IEnumerable<(string Source, string Json)> texts, Func<string, string?>? getEnvironmentVariable = null) =>
        Build([.. texts], getEnvironmentVariable, []);

    /// <summary>How <c>baseConfig</c> is named among the sources, in diagnostics.</summary>
    public const string RunningSource = "<running>";

    /// <summary>True for a section name CGRateS's configuration has (ConfigSv1.ReloadConfig's Section).</summary>
    public static bool IsSection(string name) =>
        s_defaults.Value.ContainsKey(name) || ConfigSchema.RawSections.Contains(name) || ConfigSchema.SectionAliases.ContainsKey(name);

    /// <summary>The embedded defaults file, comments included.</summary>
    public static string DefaultsText()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"internal bug: resource {DefaultsResource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ConfigLoadResult Build(IReadOnlyList<(string File, string Text)> sources, Func<string, string?>? getVariable,
        List<ConfigDiagnostic> diagnostics)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var defaults = s_defaults.Value;
        var tree = (JsonObject)defaults.DeepClone();
        var origins = new Dictionary<string, ConfigOrigin>(StringComparer.Ordinal);
        var merger = new ConfigMerger(tree, defaults, origins, diagnostics);
        foreach (var (file, text) in sources)
        {
            var substituted = EnvSubstitution.Apply(text, file, getVariable, diagnostics);
            if (JsoncParser.Parse(substituted, file, diagnostics) is { } parsed)
            {
                merger.Merge(parsed, file);
            }
        }
        var config = ConfigBinder.Bind(tree, new BindContext(origins, diagnostics));
        return new ConfigLoadResult(config, diagnostics);
    }

    private static void CollectFolder(string folder, List<string> files, List<ConfigDiagnostic> diagnostics)
    {
        try
        {
            files.AddRange(Directory.EnumerateFiles(folder, "*.json")
                .Where(f => !IsHidden(f) && f.EndsWith(".json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
            foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => !IsHidden(d)).Order(StringComparer.Ordinal))
            {
                CollectFolder(sub, files, diagnostics);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, "", folder, "cannot list: " + ex.Message));
        }
    }

    private static bool IsHidden(string path) => System.IO.Path.GetFileName(path).StartsWith('.');

    private static JsonObject ParseDefaults()
    {
        var diagnostics = new List<ConfigDiagnostic>();
        return JsoncParser.Parse(DefaultsText(), DefaultsResource, diagnostics)
            ?? throw new InvalidOperationException("internal bug: the embedded defaults do not parse: " + string.Join("; ", diagnostics));
    }
}
