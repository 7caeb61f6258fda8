namespace Obol.Filters;

/// <summary>The base type of a rule, without its <c>*not</c> (engine/filters.go supportedFiltersType).</summary>
public enum FilterKind
{
    String,
    Contains,
    Prefix,
    Suffix,
    Empty,
    Exists,
    Timings,
    Destinations,
    Rsr,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    Equal,
    IpNet,
    ApiBan,
    SentryPeer,
    ActivationInterval,
    Regex,
    Http,
}
