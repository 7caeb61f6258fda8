using System.Text.Json.Nodes;
using Obol.Config;

namespace Obol.Engine;

/// <summary>
/// The configuration in force and how it changes while the engine runs (ConfigSv1.ReloadConfig, SetConfig,
/// SetConfigFromJSON, SIGHUP). A change is built over the running configuration, validated whole, and then applied by
/// the services that take it live, key by key; a change to any other key is refused naming it, and nothing changes,
/// rather than answering OK and going on with the old value as a CGRateS service that reads its settings once does.
/// </summary>
internal sealed class LiveConfig(ObolConfig initial, Action<string>? warn = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Section> _sections = new(StringComparer.Ordinal);
    private volatile ObolConfig _current = initial;

    /// <summary>How the configuration in force is named among the sources a change is built from.</summary>
    public const string RunningSource = ConfigLoader.RunningSource;

    public ObolConfig Current => _current;

    /// <summary>Lets <paramref name="section"/>'s <paramref name="keys"/> change live: <paramref name="prepare"/> builds the
    /// service's settings from the new configuration (throwing <see cref="LiveConfigException"/> to refuse it), and
    /// <paramref name="apply"/> puts them in force once every section has prepared.</summary>
    public void AddLive<T>(string section, IReadOnlySet<string> keys, Func<ObolConfig, T> prepare, Action<T> apply) =>
        _sections[section] = new Section(keys, c =>
        {
            var prepared = prepare(c);
            return () => apply(prepared);
        });

    /// <summary>Builds the candidate from the running configuration, checks it and, unless <paramref name="dryRun"/>,
    /// applies it; null, or the error to answer.</summary>
    public async Task<string?> ChangeAsync(Func<ObolConfig, ConfigLoadResult> build, bool dryRun)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var current = _current;
            var loaded = build(current);
            if (loaded.Diagnostics.FirstOrDefault(d => d.Severity == ConfigSeverity.Error) is { } error)
            {
                return error.ToString();
            }
            // Unknown keys load as warnings, as CGRateS ignores them; the log says so, since the reply is OK.
            foreach (var warning in loaded.Diagnostics.Where(d => d.Severity == ConfigSeverity.Warning && d.File != RunningSource))
            {
                warn?.Invoke($"<ConfigS> {warning}");
            }
            var candidate = loaded.Config;
            var changed = ChangedKeys(current, candidate);
            var fixedKeys = changed.Where(k => !_sections.TryGetValue(k.Section, out var s) || !s.Keys.Contains(k.Key))
                .Select(k => k.Section + "." + k.Key).ToList();
            if (fixedKeys.Count > 0)
            {
                return $"SERVER_ERROR: these settings take effect only when the engine starts, restart it to change them: {string.Join(", ", fixedKeys)}";
            }
            var apply = new List<Action>();
            foreach (var section in changed.Select(k => k.Section).Distinct())
            {
                try
                {
                    apply.Add(_sections[section].Prepare(candidate));
                }
                catch (LiveConfigException e)
                {
                    return $"SERVER_ERROR: {section}: {e.Message}";
                }
            }
            if (!dryRun)
            {
                apply.ForEach(a => a());
                _current = candidate;
            }
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The keys, under their sections, whose merged JSON differs between two configurations.</summary>
    internal static List<(string Section, string Key)> ChangedKeys(ObolConfig before, ObolConfig after)
    {
        var changed = new List<(string, string)>();
        foreach (var name in before.SectionNames.Union(after.SectionNames).Order(StringComparer.Ordinal))
        {
            var (old, now) = (before.SectionJson(name), after.SectionJson(name));
            if (old is null || now is null)
            {
                if (!JsonNode.DeepEquals(old, now))
                {
                    changed.Add((name, "*"));
                }
                continue;
            }
            foreach (var key in old.Select(p => p.Key).Union(now.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                if (!JsonNode.DeepEquals(old[key], now[key]))
                {
                    changed.Add((name, key));
                }
            }
        }
        return changed;
    }

    public void Dispose() => _gate.Dispose();

    private sealed record Section(IReadOnlySet<string> Keys, Func<ObolConfig, Action> Prepare);
}

/// <summary>A live section refusing the configuration it was given, with the reason.</summary>
internal sealed class LiveConfigException(string message) : Exception(message);
