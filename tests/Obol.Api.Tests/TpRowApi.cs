using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Obol.Api.TpRows;
using Obol.Rals;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Api.Tests;

/// <summary>APIerSv1's StorDB row methods over plans kept in memory, called with raw JSON-RPC.</summary>
internal sealed class TpRowApi
{
    private readonly JsonRpcDispatcher _dispatcher = new();

    public TpRowApi() => new TpRowService(Imports, "cgrates.org").Register(_dispatcher);

    public MemoryImports Imports { get; } = new();

    public async Task<JsonElement> CallAsync(string method, string argsJson)
    {
        var reply = await _dispatcher.InvokeAsync(Encoding.UTF8.GetBytes($"{{\"method\":\"{method}\",\"params\":[{argsJson}],\"id\":1}}"));
        return JsonDocument.Parse(reply).RootElement.Clone();
    }

    public async Task<JsonElement> ResultAsync(string method, string argsJson)
    {
        var reply = await CallAsync(method, argsJson);
        Assert.True(reply.GetProperty("error").ValueKind == JsonValueKind.Null, $"{method}: {reply.GetProperty("error")}");
        return reply.GetProperty("result");
    }

    public async Task<string> ErrorAsync(string method, string argsJson) =>
        (await CallAsync(method, argsJson)).GetProperty("error").GetString()!;

    /// <summary>The text of <paramref name="fileName"/> in the plan stored under <paramref name="tpId"/>.</summary>
    public async Task<string> FileTextAsync(string tpId, string fileName) =>
        (await Imports.LoadAsync(tpId)).Single(f => f.Name == fileName).Text;

    internal sealed class MemoryImports : ITariffPlanImports
    {
        private readonly Dictionary<string, IReadOnlyList<TariffPlanFile>> _plans = new(StringComparer.Ordinal);

        public Task SaveAsync(string tpId, string source, IReadOnlyList<TariffPlanFile> files, CancellationToken cancellationToken = default)
        {
            _plans[tpId] = [.. files];
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<TariffPlanFile>> LoadAsync(string tpId, CancellationToken cancellationToken = default) =>
            Task.FromResult(_plans.GetValueOrDefault(tpId) ?? []);

        public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>([.. _plans.Keys.Order(StringComparer.Ordinal)]);
    }
}
