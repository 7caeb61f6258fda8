using System.Text;
using System.Text.Json;
using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Api.JsonRpc;
using Obol.Logging;
using Obol.Rals;
using Xunit;

namespace Obol.Api.Tests;

/// <summary>RALs with the tutorial plan behind a dispatcher with the APIer and Responder services, called with raw JSON-RPC.</summary>
internal sealed class ApiCalls : IAsyncDisposable
{
    private readonly JsonRpcDispatcher _dispatcher = new();

    private ApiCalls(RalsService rals) => Rals = rals;

    public RalsService Rals { get; }

    public static async Task<ApiCalls> StartAsync()
    {
        var rals = new RalsService(new RalsOptions(), new InMemoryAccountStore(), new InProcessAccountLocks(), new InMemoryScheduleStore(),
            new LoggingActionEffects(new TextEngineLog(TextWriter.Null, SyslogSeverity.Debug)));
        var calls = new ApiCalls(rals);
        new ApierService(rals, DateTimeZone.Utc, SystemClock.Instance).Register(calls._dispatcher);
        new ResponderService(rals).Register(calls._dispatcher);
        var folder = Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", "tutorial");
        Assert.Equal("OK", await calls.ResultAsync<string>("APIerSv1.LoadTariffPlanFromFolder", new { FolderPath = folder }));
        return calls;
    }

    public Task<JsonElement> CallAsync(string method, object args) => CallJsonAsync(method, JsonSerializer.Serialize(args));

    /// <summary>The argument as written, for requests whose exact JSON matters (key case, number forms).</summary>
    public async Task<JsonElement> CallJsonAsync(string method, string argsJson)
    {
        var request = $"{{\"method\":\"{method}\",\"params\":[{argsJson}],\"id\":1}}";
        var reply = await _dispatcher.InvokeAsync(Encoding.UTF8.GetBytes(request));
        return JsonDocument.Parse(reply).RootElement.Clone();
    }

    public async Task<T> ResultAsync<T>(string method, object args)
    {
        var reply = await CallAsync(method, args);
        Assert.True(reply.GetProperty("error").ValueKind == JsonValueKind.Null, $"{method}: {reply.GetProperty("error")}");
        return reply.GetProperty("result").Deserialize<T>()!;
    }

    public async Task<string> ErrorAsync(string method, object args)
    {
        var reply = await CallAsync(method, args);
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("result").ValueKind);
        return reply.GetProperty("error").GetString()!;
    }

    public async Task<decimal> MonetaryAsync(string account)
    {
        var acc = await ResultAsync<JsonElement>("APIerSv2.GetAccount", new { Tenant = "cgrates.org", Account = account });
        return acc.GetProperty("BalanceMap").GetProperty("*monetary").EnumerateArray().Sum(b => b.GetProperty("Value").GetDecimal());
    }

    public ValueTask DisposeAsync() => Rals.DisposeAsync();
}
