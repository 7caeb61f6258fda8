using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1's accounts in engine.Account.AsOldStructure, APIerSv2's in the current one.</summary>
public sealed class AccountOldStructureApiTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"obol-oldaccounts-{Guid.NewGuid():N}");

    [Fact]
    public async Task GetAccountV1AndV2_TutorialAccount_OldStructureOnlyOnV1()
    {
        using var engine = StartEngine();
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());

        var old = await CallAsync(client, "APIerSv1.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        var current = await CallAsync(client, "APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");

        Assert.Equal("*out:cgrates.org:1001", old.GetProperty("Id").GetString());
        var balance = Assert.Single(old.GetProperty("BalanceMap").GetProperty("*monetary*out").EnumerateArray());
        Assert.Equal(10m, balance.GetProperty("Value").GetDecimal());
        Assert.Equal("test", balance.GetProperty("Id").GetString());
        Assert.Equal(JsonValueKind.String, balance.GetProperty("DestinationIds").ValueKind);
        Assert.All(old.GetProperty("ActionTriggers").EnumerateArray(), t => Assert.Equal("*monetary", t.GetProperty("BalanceType").GetString()));
        Assert.Equal("cgrates.org:1001", current.GetProperty("ID").GetString());
        Assert.True(current.GetProperty("BalanceMap").TryGetProperty("*monetary", out _));
    }

    [Fact]
    public async Task GetAccountsV1_NamedAccountsPagedAndFiltered_OldStructures()
    {
        using var engine = StartEngine();
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());
        Assert.Equal("OK", (await CallAsync(client, "APIerSv2.SetAccount",
            """{"Tenant":"cgrates.org","Account":"1002","ExtraOptions":{"Disabled":true}}""")).GetString());

        var named = await CallAsync(client, "APIerSv1.GetAccounts", """{"Tenant":"cgrates.org","AccountIDs":["1001","1002","nosuch"]}""");
        var paged = await CallAsync(client, "APIerSv1.GetAccounts", """{"Tenant":"cgrates.org","AccountIDs":["1001","1002"],"Offset":1,"Limit":1}""");
        var disabled = await CallAsync(client, "APIerSv1.GetAccounts", """{"Tenant":"cgrates.org","Filter":{"Disabled":true}}""");

        Assert.Equal(["*out:cgrates.org:1001", "*out:cgrates.org:1002"], Ids(named));
        Assert.Equal(["*out:cgrates.org:1002"], Ids(paged));
        Assert.Equal(["*out:cgrates.org:1002"], Ids(disabled));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private ObolProcess StartEngine() => ObolProcess.Start("obol-engine",
    [
        "-data_dir", _dataDir, "-logger", "*stdout", "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
        "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"),
    ]);

    private static string[] Ids(JsonElement accounts) => [.. accounts.EnumerateArray().Select(a => a.GetProperty("Id").GetString()!)];

    private static async Task<JsonElement> CallAsync(JsonRpcClient client, string method, string args)
    {
        var reply = await client.CallRawAsync(method, Encoding.UTF8.GetBytes(args));
        Assert.True(reply.Error is null, $"{method}: {reply.Error}");
        using var document = JsonDocument.Parse(reply.Result);
        return document.RootElement.Clone();
    }
}
