using NodaTime;

namespace Obol.Filters;

/// <summary>What FilterS needs besides the filters: the default timezone (general.default_timezone) and the ports
/// for filter types that consult other subsystems. A missing port makes those rules fail with an error.</summary>
public sealed record FilterEnvironment
{
    public static readonly FilterEnvironment Default = new();

    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    public ITimingSource? Timings { get; init; }

    public IDestinationSource? Destinations { get; init; }

    public IDynamicDataSource? DynamicData { get; init; }
}
