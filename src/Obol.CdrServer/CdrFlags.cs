namespace Obol.CdrServer;

/// <summary>
/// What CDRsV1.ProcessEvent does with an event (engine/cdrs.go V1ProcessEvent): each flag (<c>*rals</c>,
/// <c>*rals:false</c>, ...) overrides the default the cdrs config section gives.
/// </summary>
public sealed record CdrFlags
{
    public bool Attributes { get; init; }
    public bool Chargers { get; init; }
    public bool Store { get; init; }
    public bool Export { get; init; }
    public bool Thresholds { get; init; }
    public bool Stats { get; init; }
    public bool Rals { get; init; }
    public bool Rerate { get; init; }
    public bool Reprocess { get; init; }

    /// <summary>Applies <c>*name</c> / <c>*name:true|false</c> flags; unknown ones are ignored as in CGRateS.</summary>
    public CdrFlags With(IEnumerable<string>? flags)
    {
        var result = this;
        foreach (var flag in flags ?? [])
        {
            var separator = flag.IndexOf(':', StringComparison.Ordinal);
            var name = separator < 0 ? flag : flag[..separator];
            var on = separator < 0 || !string.Equals(flag[(separator + 1)..], "false", StringComparison.OrdinalIgnoreCase);
            result = name switch
            {
                "*attributes" => result with { Attributes = on },
                "*chargers" => result with { Chargers = on },
                "*store" => result with { Store = on },
                "*export" => result with { Export = on },
                "*thresholds" => result with { Thresholds = on },
                "*stats" => result with { Stats = on },
                "*rals" => result with { Rals = on },
                "*rerate" => result with { Rerate = on, Rals = on || result.Rals },
                "*reprocess" => result with { Reprocess = on },
                _ => result,
            };
        }
        return result;
    }
}
