using System.Text.Json;
using Obol.Api.JsonRpc;
using Obol.Config;
using Obol.GoJson;
using Obol.Primitives;

namespace Obol.Engine;

/// <summary>
/// ConfigSv1 (config/config.go): GetConfig and GetConfigAsJSON answer the configuration in force; ReloadConfig loads a
/// path over it (one section, or all), SetConfig and SetConfigFromJSON merge JSON over it; each with DryRun only
/// checks. What a change may touch while the engine runs is <see cref="LiveConfig"/>'s to say.
/// </summary>
internal sealed class ConfigApi(LiveConfig live, IReadOnlyList<(string Source, string Json)> flagOverrides)
{
    private const string Ok = "OK";
    private const string AllSections = "*all";

    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<ConfigSectionArgs, JsonElement>("ConfigSv1.GetConfig", (a, _) => ValueTask.FromResult(Section(live.Current, a.Section)));
        dispatcher.Add<ConfigSectionArgs, string>("ConfigSv1.GetConfigAsJSON", (a, _) => ValueTask.FromResult(Section(live.Current, a.Section) is var section
            && section.IsError ? RpcResult.Fail<string>(section.Error!) : RpcResult.Ok(GoJsonText.Sorted(section.Value))));
        dispatcher.Add<ReloadArgs, string>("ConfigSv1.ReloadConfig", async (a, _) => Result(await ReloadAsync(a.Path, a.Section, a.DryRun).ConfigureAwait(false)));
        dispatcher.Add<SetConfigArgs, string>("ConfigSv1.SetConfig", async (a, _) => a.Config is not { Count: > 0 } config
            ? Ok
            : Result(await MergeAsync("ConfigSv1.SetConfig", JsonSerializer.Serialize(config), a.DryRun).ConfigureAwait(false)));
        dispatcher.Add<SetConfigFromJsonArgs, string>("ConfigSv1.SetConfigFromJSON", async (a, _) => string.IsNullOrEmpty(a.Config)
            ? Ok
            : Result(await MergeAsync("ConfigSv1.SetConfigFromJSON", a.Config, a.DryRun).ConfigureAwait(false)));
    }

    /// <summary>ReloadConfig and SIGHUP: <paramref name="path"/>'s files loaded over the configuration in force, then the
    /// command line's overrides again; only <paramref name="section"/> of it unless that is empty or <c>*all</c>.</summary>
    public Task<string?> ReloadAsync(string? path, string? section, bool dryRun)
    {
        if (string.IsNullOrEmpty(path))
        {
            return Task.FromResult<string?>(ErrorCodes.MandatoryIeMissingFields("Path"));
        }
        var whole = section is null or "" or AllSections;
        if (!whole && !ConfigLoader.IsSection(section!))
        {
            return Task.FromResult<string?>($"Invalid section: <{section}>");
        }
        return live.ChangeAsync(current =>
        {
            var loaded = ConfigLoader.Load(path, baseConfig: current, overrides: flagOverrides);
            if (whole || !loaded.Succeeded)
            {
                return loaded;
            }
            var only = new System.Text.Json.Nodes.JsonObject { [section!] = loaded.Config.SectionJson(section!) };
            return ConfigLoader.LoadTexts([(LiveConfig.RunningSource, current.ToJson()), (path, only.ToJsonString())]);
        }, dryRun);
    }

    private Task<string?> MergeAsync(string source, string json, bool dryRun) =>
        live.ChangeAsync(current => ConfigLoader.LoadTexts([(LiveConfig.RunningSource, current.ToJson()), (source, json)]), dryRun);

    private static RpcResult<string> Result(string? error) => error is null ? Ok : RpcResult.Fail<string>(error);

    private static RpcResult<JsonElement> Section(ObolConfig config, string? section)
    {
        var json = section is null or "" ? config.ToJson() : config.SectionJson(section) is { } node ? $"{{\"{section}\":{node.ToJsonString()}}}" : null;
        if (json is null)
        {
            return RpcResult.Fail<JsonElement>(ErrorCodes.NotFound);
        }
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private sealed record ConfigSectionArgs(string? Section);

    /// <summary>config.ReloadArgs.</summary>
    private sealed record ReloadArgs(string? Path, string? Section, bool DryRun);

    /// <summary>config.SetConfigArgs.</summary>
    private sealed record SetConfigArgs(Dictionary<string, JsonElement>? Config, bool DryRun);

    /// <summary>config.SetConfigFromJSONArgs.</summary>
    private sealed record SetConfigFromJsonArgs(string? Config, bool DryRun);
}
