using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Api.JsonRpc;
using Obol.Cdrs;
using Obol.Events;
using Obol.Logging;
using Obol.Rals;
using Obol.TariffPlans;
using Xunit;

namespace Obol.CdrServer.Tests;

/// <summary>
/// The CDR server as the engine wires it: the real RALs (accounts, rating) under a CdrService with RALs on and storing,
/// registered on a JSON-RPC dispatcher so that calls go through the wire shapes.
/// </summary>
internal sealed class CdrHarness : IAsyncDisposable
{
    private readonly JsonRpcDispatcher _dispatcher = new();

    private CdrHarness(RalsService rals, ICdrStore store, IAsyncDisposable? owner)
    {
        Rals = rals;
        Store = store;
        Owner = owner;
        Cdrs = new CdrService(new CdrServerOptions { Defaults = new CdrFlags { Store = true, Rals = true } }, store, rals, null, null, null, null, null,
            SystemClock.Instance, Warnings.Enqueue);
        new CdrsV1Service(Cdrs, null, SystemClock.Instance, DateTimeZone.Utc, "cgrates.org").Register(_dispatcher);
    }

    public RalsService Rals { get; }

    public ICdrStore Store { get; }

    public CdrService Cdrs { get; }

    public ConcurrentQueue<string> Warnings { get; } = new();

    private IAsyncDisposable? Owner { get; }

    /// <summary>RALs with <paramref name="plan"/> loaded and in-memory accounts, or the given account store.</summary>
    public static async Task<CdrHarness> StartAsync(IReadOnlyList<TariffPlanFile> plan, ICdrStore? store = null, IAccountStore? accounts = null,
        IAsyncDisposable? owner = null)
    {
        var rals = new RalsService(new RalsOptions(), accounts ?? new InMemoryAccountStore(), new InProcessAccountLocks(), new InMemoryScheduleStore(),
            new LoggingActionEffects(new TextEngineLog(TextWriter.Null, SyslogSeverity.Debug)));
        var harness = new CdrHarness(rals, store ?? new InMemoryCdrStore(), owner);
        await harness.LoadPlanAsync(plan);
        return harness;
    }

    /// <summary>Swaps the rating data (a plan without AccountActions leaves the accounts alone).</summary>
    public async Task LoadPlanAsync(IReadOnlyList<TariffPlanFile> plan)
    {
        var loaded = await Rals.LoadTariffPlanAsync(plan, "test", applyAccountActions: true);
        Assert.True(loaded.Succeeded, string.Join("; ", loaded.Errors));
        // A scheduler stopped while its loop is between two sleeps can miss the stop and never end; parked, it cannot.
        await Rals.Scheduler.WhenIdleAsync();
    }

    public async Task SetMonetaryAsync(string account, decimal value) =>
        Assert.Null(await Rals.SetBalanceAsync("cgrates.org", account, BalanceTypes.Monetary, value, new BalanceFilter { ID = "test" }));

    public async Task<decimal> BalanceAsync(string account, string type = BalanceTypes.Monetary)
    {
        var found = await Rals.Accounts.GetAsync("cgrates.org:" + account);
        return found is not null && found.BalanceMap.TryGetValue(type, out var balances) ? balances.Sum(b => b.Value) : 0m;
    }

    /// <summary>CDRsV1.ProcessEvent's work with <c>*rals</c>: one call of <paramref name="account"/> to 1002.</summary>
    public async Task<string?> ProcessCallAsync(string account, string requestType, string originId, string answerTime, string usage,
        string runId = "*default", string? cgrId = null, object? costDetails = null)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["RunID"] = runId,
            ["OriginID"] = originId,
            ["OriginHost"] = "10.0.0.1",
            ["ToR"] = "*voice",
            ["RequestType"] = requestType,
            ["Tenant"] = "cgrates.org",
            ["Category"] = "call",
            ["Account"] = account,
            ["Destination"] = "1002",
            ["SetupTime"] = answerTime,
            ["AnswerTime"] = answerTime,
            ["Usage"] = usage,
        };
        if (cgrId is not null)
        {
            fields["CGRID"] = cgrId;
        }
        if (costDetails is not null)
        {
            fields["CostDetails"] = costDetails;
        }
        var ev = new CgrEvent { Tenant = "cgrates.org", Id = originId, Event = fields };
        return await Cdrs.ProcessEventAsync(ev, Cdrs.Options.Defaults, CancellationToken.None);
    }

    public async Task<Cdr> SingleCdrAsync(string originId) =>
        Assert.Single(await Store.GetAsync(new CdrQuery { OriginIds = [originId] }));

    public async Task<JsonElement> CallAsync(string method, string argsJson)
    {
        var request = $"{{\"method\":\"{method}\",\"params\":[{argsJson}],\"id\":1}}";
        var reply = await _dispatcher.InvokeAsync(Encoding.UTF8.GetBytes(request));
        return JsonDocument.Parse(reply).RootElement.Clone();
    }

    /// <summary>The call's result; fails the test on an error reply.</summary>
    public async Task<JsonElement> ResultAsync(string method, string argsJson)
    {
        var reply = await CallAsync(method, argsJson);
        Assert.True(reply.GetProperty("error").ValueKind == JsonValueKind.Null, $"{method}: {reply.GetProperty("error")}");
        return reply.GetProperty("result");
    }

    /// <summary>The call's error; fails the test on a result.</summary>
    public async Task<string> ErrorAsync(string method, string argsJson)
    {
        var reply = await CallAsync(method, argsJson);
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("result").ValueKind);
        return reply.GetProperty("error").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Rals.DisposeAsync();
        if (Owner is not null)
        {
            await Owner.DisposeAsync();
        }
    }
}
