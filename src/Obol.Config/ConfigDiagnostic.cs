namespace Obol.Config;

public enum ConfigSeverity
{
    /// <summary>Loading goes on; the setting is ignored (an unknown key, as CGRateS silently ignores it).</summary>
    Warning,

    /// <summary>The configuration is not usable: the engine must not start with it.</summary>
    Error,
}

/// <summary>
/// One finding while loading cgrates.json files. <see cref="JsonPath"/> is written as in the file that holds the
/// setting (<c>freeswitch_agent.event_socket_conns[0].adress</c>); <see cref="Line"/>/<see cref="Column"/> (1-based)
/// are known for malformed JSON and <c>*env:</c> references only.
/// </summary>
public sealed record ConfigDiagnostic(ConfigSeverity Severity, string JsonPath, string? File, string Message, int? Line = null, int? Column = null)
{
    public override string ToString()
    {
        var where = File ?? "<defaults>";
        if (Line is { } line)
        {
            where += $":{line}:{Column ?? 0}";
        }
        var kind = Severity == ConfigSeverity.Error ? "error" : "warning";
        return JsonPath.Length == 0 ? $"{where}: {kind}: {Message}" : $"{where}: {kind}: {JsonPath}: {Message}";
    }
}
