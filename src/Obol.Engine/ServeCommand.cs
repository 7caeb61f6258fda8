using System.Net;
using System.Runtime.InteropServices;
using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Logging;
using Obol.Rals;

namespace Obol.Engine;

/// <summary>
/// <c>--serve</c>: RALs with the tariff plan loaded, answering CGRateS JSON-RPC on <c>-listen</c> (127.0.0.1:2012) until
/// SIGTERM or Ctrl+C. Accounts live in memory and the schedule in <c>-data_dir</c>; durable accounts come with the store.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string folder, IPEndPoint listen, int decimals, string logger, string dataDir)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetSystemDefault();
        var log = EngineLog.Create(logger, SyslogSeverity.Informational);
        Directory.CreateDirectory(dataDir);
        using var schedule = new FileScheduleStore(Path.Combine(dataDir, "schedule.json"));
        await using var rals = new RalsService(new RalsOptions { RoundingDecimals = decimals, TimeZone = zone }, new InMemoryAccountStore(),
            new InProcessAccountLocks(), schedule, new LoggingActionEffects(log));
        rals.Scheduler.Faulted += (_, e) => log.Error($"<Scheduler> {e.ActionPlanId}/{e.ActionsId}: {e.Exception.Message}");
        var loaded = await rals.LoadTariffPlanAsync(folder);
        foreach (var error in loaded.Errors)
        {
            log.Write(error.IsWarning ? SyslogSeverity.Warning : SyslogSeverity.Error, error.ToString());
        }
        if (!loaded.Succeeded)
        {
            return 1;
        }
        await rals.Scheduler.WhenIdleAsync();
        var dispatcher = new JsonRpcDispatcher(log: log.Warning);
        new CoreService(Environment.MachineName).Register(dispatcher);
        new ApierService(rals, zone, SystemClock.Instance).Register(dispatcher);
        await using var server = new JsonRpcTcpServer(dispatcher, new JsonRpcServerOptions { EndPoint = listen, Log = log.Warning });
        server.Start();
        // The bound address, port 0 resolved, is what scripts and tests wait for.
        Console.Error.WriteLine($"listening on {server.LocalEndPoint} (JSON-RPC)");
        var stop = new TaskCompletionSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            stop.TrySetResult();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
        {
            ctx.Cancel = true;
            stop.TrySetResult();
        });
        await stop.Task;
        await server.StopAsync();
        log.Info("stopped");
        return 0;
    }
}
