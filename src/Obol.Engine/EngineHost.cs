using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using NodaTime;
using Obol.Accounting;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Config;
using Obol.Logging;
using Obol.Rals;
using Obol.SessionServer;
using Obol.Storage.Sqlite;

namespace Obol.Engine;

/// <summary>
/// The running engine: configuration, the embedded store, RALs restored from it, the API services and the listeners
/// (<c>listen.rpc_json</c>, <c>listen.http</c> with /jsonrpc and /ws, and <c>listen.birpc_json</c> when SessionS is on),
/// until SIGTERM or Ctrl+C.
/// </summary>
internal static class EngineHost
{
    public static async Task<int> RunAsync(EngineFlags flags, TextWriter stderr)
    {
        using var stopSignal = new StopSignal();
        (string, string)[] flagOverrides = flags.NodeId is { } nodeId
            ? [("-node_id", JsonSerializer.Serialize(new { general = new { node_id = nodeId } }))]
            : [];
        var loaded = ConfigLoader.Load(flags.ConfigPath, overrides: flagOverrides);
        foreach (var diagnostic in loaded.Diagnostics)
        {
            await stderr.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }
        if (!loaded.Succeeded)
        {
            return 1;
        }
        var config = loaded.Config;
        if (flags.PrintConfig)
        {
            Console.WriteLine(config.ToJson());
            return 0;
        }
        var general = config.General;
        var log = EngineLog.Create(flags.Logger ?? general.Logger, (SyslogSeverity)Math.Clamp(flags.LogLevel ?? general.LogLevel, 0, 7));
        if (!await ProcessFlags.ApplyAsync(flags, log, stderr).ConfigureAwait(false))
        {
            return 1;
        }
        await using var profiler = new EngineProfiler(log.Info, log.Error);
        if (flags.CpuProfDir is { } cpuDir && profiler.StartCpu(cpuDir) is { } cpuError)
        {
            await stderr.WriteLineAsync(cpuError).ConfigureAwait(false);
            return 1;
        }
        var zone = general.DefaultTimezone is "" or "Local" ? DateTimeZoneProviders.Tzdb.GetSystemDefault()
            : DateTimeZoneProviders.Tzdb.GetZoneOrNull(general.DefaultTimezone);
        if (zone is null)
        {
            await stderr.WriteLineAsync($"general.default_timezone: unknown time zone \"{general.DefaultTimezone}\"").ConfigureAwait(false);
            return 1;
        }
        var endPoints = EndPoints(flags, config, stderr);
        if (endPoints is null)
        {
            return 1;
        }
        var dataDir = flags.DataDir ?? StoreDirectory.Resolve(config.DataDb.Internal.DumpPath);
        await using var store = await SqliteStore.OpenAsync(dataDir).ConfigureAwait(false);
        log.Info($"<DataDB> embedded store at {store.DatabasePath}");
        if (store.KeptBeforeRestore is { } kept)
        {
            log.Warning($"<DataDB> restored from the staged backup; the store it replaced is kept as {kept}");
        }
        var options = new RalsOptions { RoundingDecimals = flags.RoundingDecimals ?? general.RoundingDecimals, TimeZone = zone };
        var actionEffects = new EngineActionEffects(new LoggingActionEffects(log), log);
        var tariffPlans = new StoredTariffPlan(store.TariffPlans);
        await using var rals = new RalsService(options, store.Accounts, new InProcessAccountLocks(), store.Schedules, actionEffects,
            archive: tariffPlans, state: new StoredRalsState(store.Documents), loadIds: new StoredLoadIds(store.Documents));
        await rals.LoadIds.RestoreAsync().ConfigureAwait(false);
        rals.Scheduler.Faulted += (_, e) => log.Error($"<Scheduler> {e.ActionPlanId}/{e.ActionsId}: {e.Exception.Message}");
        var tenant = general.DefaultTenant.Length > 0 ? general.DefaultTenant : "cgrates.org";
        var category = general.DefaultCategory.Length > 0 ? general.DefaultCategory : "call";
        await using var events = await EventSubsystems.StartAsync(config, store, rals, zone, log, options.RoundingDecimals, tenant, category).ConfigureAwait(false);
        if (AccountUpdates(config, events, log) is { } accountUpdates)
        {
            rals.Accounts.Updates = accountUpdates;
            actionEffects.ConnectAccountUpdates(accountUpdates);
        }
        if (!await LoadTariffPlanAsync(rals, store, flags.TariffPlan, log).ConfigureAwait(false))
        {
            return 1;
        }
        await events.StartScheduledQueriesAsync().ConfigureAwait(false);
        using var live = new LiveConfig(config, log.Warning);
        var dispatcher = new JsonRpcDispatcher(log: log.Warning);
        new CoreService(general.NodeId.Length > 0 ? general.NodeId : Environment.MachineName).Register(dispatcher);
        ProfilingApi.Register(dispatcher, profiler);
        new ApierService(rals, zone, SystemClock.Instance, tenant, category).Register(dispatcher);
        var versions = new DbVersionService(new StoredVersions(store.Documents), config.DataDb.DbType, config.StorDb.DbType);
        await versions.EnsureAsync(overwrite: flags.SetVersions).ConfigureAwait(false);
        versions.Register(dispatcher);
        new StoreAdminService(store, dataDir, config.DataDb.Internal, config.StorDb.Internal, log).Register(dispatcher);
        new TariffPlanImportService(rals, tariffPlans, zone, SystemClock.Instance, general.TpExportDir, tenant).Register(dispatcher);
        new Obol.Api.TpRows.TpRowService(tariffPlans, tenant).Register(dispatcher);
        new ResponderService(rals, tenant, category).Register(dispatcher);
        events.Register(dispatcher, SystemClock.Instance, tenant, log);
        new CacheSv1Service([.. config.Caches.Partitions.Keys], rals, events, general.NodeId).Register(dispatcher);
        var sessionJournal = new SessionJournal(new StoredDocuments(store.Documents), config.Sessions.StoreSessionCosts, log.Warning);
        var cdrs = CdrWiring.Register(dispatcher, config, store, rals, events, zone, tenant, category, options.RoundingDecimals, sessionJournal, log, live);
        actionEffects.ConnectSessionCosts(new SessionCosts(sessionJournal, events.Catalog.Filters, tenant, zone));
        if (cdrs is not null && config.Schedulers.CdrsConns.Count > 0)
        {
            actionEffects.ConnectCdrs(cdrs);
        }
        var configApi = new ConfigApi(live, flagOverrides);
        configApi.Register(dispatcher);
        events.AddLive(live);
        stopSignal.Reloading += () => _ = ReloadOnSignalAsync(configApi, flags.ConfigPath, log);
        await using var tcp = new JsonRpcTcpServer(dispatcher, new JsonRpcServerOptions { EndPoint = endPoints.Value.Json, Log = log.Warning });
        await using var http = new JsonRpcHttpServer(dispatcher, new JsonRpcHttpServerOptions
        {
            EndPoint = endPoints.Value.Http,
            Log = log.Warning,
            MapEndpoints = FreeSwitchCdrEndpoint.Map(config, cdrs, log),
        });
        await using var birpc = new BiRpcServer(dispatcher, new JsonRpcServerOptions { EndPoint = endPoints.Value.BiRpc, Log = log.Warning });
        var agents = new InternalAgents(new BiRpcSessionClients(birpc, config.Sessions.ClientProtocol, SystemClock.Instance));
        await using var sessions = await SessionWiring.RegisterAsync(dispatcher, config, rals, events, cdrs, sessionJournal, agents, zone, tenant,
            category, options.RoundingDecimals, log, live).ConfigureAwait(false);
        if (sessions is not null && config.Rals.SessionsConns.Count > 0)
        {
            actionEffects.ConnectSessions(sessions);
        }
        var (readers, readersError) = ErsWiring.Create(dispatcher, config, sessions, events, zone, tenant, log, live);
        if (readersError is not null)
        {
            await stderr.WriteLineAsync(readersError).ConfigureAwait(false);
            return 1;
        }
        await using var ers = readers;
        // APIerSv2 embeds APIerSv1 in CGRateS; these it defines itself with other arguments or replies.
        dispatcher.AddEmbedded("APIerSv1", "APIerSv2", "GetActions", "GetActionsCount", "SetActions", "CountCDRs", "LoadRatingProfile",
            "LoadAccountActions", "GetTPDestination", "RemoveTPDestination", "SetTPDestination");
        if (events.Dispatchers.Intercept(dispatcher) is > 0 and var dispatched)
        {
            log.Info($"<DispatcherS> dispatching {dispatched} methods");
        }
        if (!await ListenAsync("listen.rpc_json", endPoints.Value.Json, () => { tcp.Start(); return Task.CompletedTask; }, stderr).ConfigureAwait(false))
        {
            return 1;
        }
        // The bound address, port 0 resolved, is what scripts and tests wait for.
        await stderr.WriteLineAsync($"listening on {tcp.LocalEndPoint} (JSON-RPC)").ConfigureAwait(false);
        if (!await ListenAsync("listen.http", endPoints.Value.Http, () => http.StartAsync(), stderr).ConfigureAwait(false))
        {
            return 1;
        }
        await stderr.WriteLineAsync($"listening on {http.LocalEndPoint} (HTTP /jsonrpc, /ws)").ConfigureAwait(false);
        if (config.Sessions.Enabled)
        {
            if (!await ListenAsync("listen.birpc_json", endPoints.Value.BiRpc, () => { birpc.Start(); return Task.CompletedTask; }, stderr).ConfigureAwait(false))
            {
                return 1;
            }
            await stderr.WriteLineAsync($"listening on {birpc.LocalEndPoint} (BiRPC)").ConfigureAwait(false);
        }
        await using var freeSwitch = FreeSwitchWiring.Start(config, sessions, agents, zone, tenant, category, log);
        await using var kamailio = KamailioWiring.Start(config, sessions, agents, zone, tenant, log);
        ers?.Start();
        log.Info($"<Engine> started, node {general.NodeId}");
        if (flags.MemProfDir is { } memDir)
        {
            await profiler.StartMemoryAsync(memDir, flags.MemProfInterval, flags.MemProfMaxFiles, flags.MemProfTimestamp).ConfigureAwait(false);
        }
        if (flags.ScheduledShutdown is { } after && after > TimeSpan.Zero)
        {
            stopSignal.StopAfter(after);
        }
        await stopSignal.Stopped.ConfigureAwait(false);
        log.Info("<Engine> stopping");
        await tcp.StopAsync().ConfigureAwait(false);
        await http.StopAsync().ConfigureAwait(false);
        await birpc.StopAsync().ConfigureAwait(false);
        await rals.Scheduler.StopAsync().ConfigureAwait(false);
        log.Info("<Engine> stopped");
        return 0;
    }

    /// <summary>Binds one listener; an address taken by another process (or not this host's) is the operator's to fix,
    /// so it is named with its config key and the engine stops cleanly instead of crashing.</summary>
    private static async Task<bool> ListenAsync(string key, IPEndPoint endPoint, Func<Task> start, TextWriter stderr)
    {
        try
        {
            await start().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            await stderr.WriteLineAsync($"{key}: cannot listen on {endPoint}: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>The stored plan comes back as it was, with the actions, plans and bindings the API changed since (RALs
    /// applies them in the same load, so the scheduler keeps their stored runs and spent <c>*asap</c>s); a plan given on
    /// the command line is loaded only into an empty store, so a restart never replays its AccountActions over accounts
    /// that have moved on.</summary>
    /// <summary>rals.thresholds_conns and rals.stats_conns: where AccountS publishes accounts; null when neither is set
    /// or enabled here.</summary>
    private static AccountUpdatePublisher? AccountUpdates(ObolConfig config, EventSubsystems events, EngineLog log)
    {
        var thresholds = config.Rals.ThresholdsConns.Count > 0 && config.Thresholds.Enabled ? events.Thresholds : null;
        var stats = config.Rals.StatsConns.Count > 0 && config.Stats.Enabled ? events.Stats : null;
        return thresholds is null && stats is null ? null : new AccountUpdatePublisher(thresholds, stats, SystemClock.Instance, log);
    }

    private static async Task<bool> LoadTariffPlanAsync(RalsService rals, SqliteStore store, string? folder, EngineLog log)
    {
        var stored = await store.TariffPlans.LoadAsync().ConfigureAwait(false);
        TariffPlanLoadResult result;
        if (stored.Count > 0)
        {
            result = await rals.LoadTariffPlanAsync(stored, "stored", applyAccountActions: false)
                .ConfigureAwait(false);
            log.Info($"<RALs> restored the stored tariff plan ({stored.Count} files)");
        }
        else if (folder is not null)
        {
            result = await rals.LoadTariffPlanAsync(folder).ConfigureAwait(false);
            log.Info($"<RALs> loaded {folder}");
        }
        else
        {
            // No plan was ever loaded, but actions and plans may have been set over the API.
            await rals.RestoreStateAsync().ConfigureAwait(false);
            return true;
        }
        foreach (var error in result.Errors)
        {
            log.Write(error.IsWarning ? SyslogSeverity.Warning : SyslogSeverity.Error, error.ToString());
        }
        if (result.Succeeded)
        {
            await rals.Scheduler.WhenIdleAsync().ConfigureAwait(false);
        }
        return result.Succeeded;
    }

    private static (IPEndPoint Json, IPEndPoint Http, IPEndPoint BiRpc)? EndPoints(EngineFlags flags, ObolConfig config, TextWriter stderr)
    {
        IPEndPoint? Parse(string key, string text, IPEndPoint? flag)
        {
            if (flag is not null)
            {
                return flag;
            }
            if (ListenAddress.TryParse(text, out var endPoint))
            {
                return endPoint;
            }
            stderr.WriteLine($"listen.{key}: invalid address \"{text}\"");
            return null;
        }
        var json = Parse("rpc_json", config.Listen.RpcJson, flags.Listen);
        var http = Parse("http", config.Listen.Http, flags.HttpListen);
        var birpc = Parse("birpc_json", config.Listen.BiRpcJson, flags.BiRpcListen);
        return json is null || http is null || birpc is null ? null : (json, http, birpc);
    }

    /// <summary>SIGHUP, as CGRateS takes it: the configuration path loaded again, over the one in force.</summary>
    private static async Task ReloadOnSignalAsync(ConfigApi configApi, string? path, EngineLog log)
    {
        if (string.IsNullOrEmpty(path))
        {
            log.Warning("<Engine> SIGHUP: no -config_path to reload the configuration from");
            return;
        }
        var error = await configApi.ReloadAsync(path, null, dryRun: false).ConfigureAwait(false);
        if (error is null)
        {
            log.Info($"<Engine> SIGHUP: configuration reloaded from {path}");
        }
        else
        {
            log.Warning($"Error reloading configuration: <{error}>");
        }
    }

    /// <summary>SIGTERM and Ctrl+C stop the engine cleanly from the moment it starts, not only once it listens.</summary>
    private sealed class StopSignal : IDisposable
    {
        private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly PosixSignalRegistration[] _registrations;

        public StopSignal() => _registrations =
        [
            .. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT }.Select(signal => PosixSignalRegistration.Create(signal, ctx =>
            {
                ctx.Cancel = true;
                _stop.TrySetResult();
            })),
            // Without a handler SIGHUP would end the process at once; CGRateS reloads its configuration on it.
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
            {
                ctx.Cancel = true;
                Reloading?.Invoke();
            }),
        ];

        public event Action? Reloading;

        public Task Stopped => _stop.Task;

        /// <summary>-scheduled_shutdown: the same stop as a signal's, later.</summary>
        public void StopAfter(TimeSpan delay) => _ = Task.Delay(delay).ContinueWith(_ => _stop.TrySetResult(), TaskScheduler.Default);

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }
    }

}
