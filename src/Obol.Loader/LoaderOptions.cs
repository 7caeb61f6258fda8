namespace Obol.Loader;

/// <summary>cgr-loader's flags that Obol honours; the rest are accepted and ignored (they configure databases the
/// embedded store does not have).</summary>
internal sealed record LoaderOptions
{
    public string? ConfigPath { get; init; }
    public string Path { get; init; } = "./";
    public bool Verbose { get; init; }
    public bool DryRun { get; init; }
    public char FieldSeparator { get; init; } = ',';
    public string TpId { get; init; } = "";
    public string Tenant { get; init; } = "cgrates.org";
    public string Timezone { get; init; } = "Local";

    /// <summary>Cache action after loading; <c>*none</c> skips the engine reload.</summary>
    public string Caching { get; init; } = "*reload";

    /// <summary>The engine to load through; <c>*localhost</c> is 127.0.0.1:2012, empty loads nothing into an engine.</summary>
    public string CachesAddress { get; init; } = "*localhost";

    public bool Version { get; init; }
}
