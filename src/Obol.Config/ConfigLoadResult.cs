namespace Obol.Config;

/// <summary>
/// The outcome of loading a configuration: always a <see cref="Config"/> (defaults where a file failed) and every
/// finding, so that a caller can print all of them at once rather than one per restart.
/// </summary>
public sealed record ConfigLoadResult(ObolConfig Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    /// <summary>True when no diagnostic is an error; warnings alone do not stop the engine.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.Severity == ConfigSeverity.Error);

    public IEnumerable<ConfigDiagnostic> Errors => Diagnostics.Where(d => d.Severity == ConfigSeverity.Error);

    public IEnumerable<ConfigDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == ConfigSeverity.Warning);
}
