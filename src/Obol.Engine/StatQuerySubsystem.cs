using NodaTime;
using Obol.Config;
using Obol.Stats;
using Obol.Storage.Sqlite;

namespace Obol.Engine;

/// <summary>What TrendS and RankingS share in the engine: the host of their schedules and stored runs, StatS they read,
/// the reports they send, and the last backup at shutdown.</summary>
internal abstract class StatQuerySubsystem(string subsystem, string collection, StatQueriesConfig config, StatService stats,
    StatQueryReports reports, SqliteDocumentStore documents, DateTimeZone zone, string tenant, Action<string> warn) : IAsyncDisposable
{
    protected StatQueryHost Host { get; } = new(subsystem, collection, config, documents, zone, warn);

    protected StatService Stats => stats;

    protected StatQueryReports Reports => reports;

    /// <summary>Stores the runs changed since the last backup (a positive <c>store_interval</c>), and at shutdown.</summary>
    public abstract Task<int> StoreMarkedAsync(CancellationToken cancellationToken);

    protected string Or(string? requested) => string.IsNullOrEmpty(requested) ? tenant : requested;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await StoreMarkedAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
