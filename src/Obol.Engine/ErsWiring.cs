using NodaTime;
using System.Text.Json.Serialization;
using Obol.Api.JsonRpc;
using Obol.Cdrs;
using Obol.Config;
using Obol.Events;
using Obol.EventReaders;
using Obol.Exporters;
using Obol.Logging;
using Obol.SessionServer;

namespace Obol.Engine;

/// <summary><c>ers</c> when enabled: the readers reach SessionS in process when <c>sessions_conns</c> names this engine
/// (<c>*internal</c>, <c>*localhost</c>, <c>*birpc_internal</c>).</summary>
internal static class ErsWiring
{
    private static readonly HashSet<string> s_local = new(StringComparer.Ordinal) { "*internal", "*localhost", "*birpc_internal" };

    /// <summary>The readers, ErSv1 registered, not yet reading (<see cref="EventReaderService.Start"/>); null when ERs is
    /// off; the error naming a reader that cannot work.</summary>
    public static (EventReaderService? Readers, string? Error) Create(JsonRpcDispatcher dispatcher, ObolConfig config, SessionService? sessions,
        EventSubsystems events, DateTimeZone zone, string tenant, EngineLog log)
    {
        var section = config.Ers;
        if (!section.Enabled)
        {
            return (null, null);
        }
        var local = section.SessionsConns.Any(s_local.Contains);
        if (!local && section.SessionsConns.Count > 0)
        {
            log.Warning($"<ERs> sessions_conns {string.Join(',', section.SessionsConns)} name no SessionS of this engine; " +
                "Obol's readers reach only their own engine's, so their events go nowhere");
        }
        EventReaderService readers;
        try
        {
            RawEventExporter? exporters = events.Exporters is { } ees && section.EesConns.Any(s_local.Contains)
                ? async (rawTenant, ids, raw, ct) =>
                    (await ees.ProcessEventAsync(new CgrEvent { Tenant = rawTenant, Id = Cgrid.NewEventId(), Event = raw }, ids, ct)
                        .ConfigureAwait(false)).Error
                : null;
            readers = new EventReaderService(section, local ? sessions : null, events.Catalog.Filters, SystemClock.Instance, zone, tenant,
                log.Info, log.Warning, exporters);
        }
        catch (ExporterDefinitionException e)
        {
            return (null, $"ers: {e.Message}");
        }
        dispatcher.AddPing("ErSv1");
        dispatcher.Add<RunReaderArgs, string>("ErSv1.RunReader", async (a, ct) =>
            await readers.RunReaderAsync(a.ReaderId ?? "", ct).ConfigureAwait(false) is { } error ? RpcResult.Fail<string>(error) : "OK");
        log.Info($"<ERs> readers: {string.Join(", ", readers.ReaderIds)}");
        return (readers, null);
    }
}

/// <summary>ers.V1RunReaderParams.</summary>
internal sealed record RunReaderArgs
{
    public string? Tenant { get; init; }

    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    [JsonPropertyName("ReaderID")]
    public string? ReaderId { get; init; }

    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?>? ApiOpts { get; init; }
}
