using NodaTime;
using Obol.Primitives;
using Obol.Sessions;

namespace Obol.SessionServer;

/// <summary>The <c>sessions</c> section as SessionS's orchestration uses it (the core's knobs are in <see cref="Core"/>).</summary>
public sealed record SessionServiceOptions
{
    public SessionOptions Core { get; init; } = new();

    public string DefaultTenant { get; init; } = "cgrates.org";

    /// <summary><c>general.default_category</c>: the runs' category when the event has none (newSession, GetCost), as
    /// for OpenSIPS's cgrates module, which sends no Category.</summary>
    public string DefaultCategory { get; init; } = "call";

    /// <summary><c>default_usage</c> per ToR (<c>*any</c> for the others).</summary>
    public IReadOnlyDictionary<string, Usage> DefaultUsage { get; init; } = new Dictionary<string, Usage>(StringComparer.Ordinal)
    {
        ["*any"] = Usage.FromHours(3),
        ["*voice"] = Usage.FromHours(3),
        ["*data"] = new Usage(1_048_576),
        ["*sms"] = new Usage(1),
    };

    /// <summary><c>channel_sync_timeout</c>: how long an agent may take to list its channels.</summary>
    public TimeSpan ChannelSyncTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>stale_chan_max_extra_usage</c>: a random extra up to this much is charged to a stale channel.</summary>
    public Usage StaleChannelMaxExtraUsage { get; init; }

    /// <summary><c>general.node_id</c>, shown in GetActiveSessions.</summary>
    public string NodeId { get; init; } = "";

    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;

    public Usage DefaultUsageFor(string? tor) =>
        DefaultUsage.TryGetValue(string.IsNullOrEmpty(tor) ? Meta.Voice : tor, out var usage) ? usage
        : DefaultUsage.TryGetValue("*any", out var any) ? any : Usage.FromHours(3);
}
