using Obol.Primitives;

namespace Obol.Api.JsonRpc;

/// <summary><c>CoreSv1.Status</c> argument (cores.V1StatusParams).</summary>
public sealed class StatusArgs
{
    /// <summary>The raw metric maps instead of the condensed, formatted view.</summary>
    public bool Debug { get; init; }

    /// <summary>Zone of <c>running_since</c>: empty = UTC (what Go's LoadLocation("") gives), <c>Local</c>, or an IANA name.</summary>
    public string? Timezone { get; init; }

    public string? Tenant { get; init; }

    public Dictionary<string, object?>? APIOpts { get; init; }
}

/// <summary><c>CoreSv1.Sleep</c> argument (utils.DurationArgs).</summary>
public sealed class SleepArgs
{
    public Usage Duration { get; init; }

    public string? Tenant { get; init; }

    public Dictionary<string, object?>? APIOpts { get; init; }
}
