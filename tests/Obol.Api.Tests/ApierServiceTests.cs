using System.Text.Json;
using Xunit;

namespace Obol.Api.Tests;

/// <summary>The seed's console checks as JSON-RPC requests, answered by the dispatcher in process.</summary>
public class ApierServiceTests
{
    [Theory]
    [InlineData("1002", "20s", "0.6")]
    [InlineData("1002", "1m25s", "0.64175")]
    [InlineData("1003", "20s", "0.2")]
    public async Task GetCost_SeedQueries_AnswerLikeCgrates(string destination, string usage, string expected)
    {
        await using var api = await ApiCalls.StartAsync();
        var reply = await api.CallJsonAsync("APIerSv1.GetCost",
            $"{{\"Category\":\"call\",\"Tenant\":\"cgrates.org\",\"Subject\":\"1001\",\"Destination\":\"{destination}\",\"AnswerTime\":\"2014-08-04T13:00:00Z\",\"Usage\":\"{usage}\"}}");
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("error").ValueKind);
        Assert.Equal(decimal.Parse(expected), reply.GetProperty("result").GetProperty("Cost").GetDecimal());
    }

    [Fact]
    public async Task GetAccounts_AfterLoad_ShowTenMonetary()
    {
        await using var api = await ApiCalls.StartAsync();
        var reply = await api.CallJsonAsync("APIerSv2.GetAccounts", "{\"Tenant\":\"cgrates.org\",\"AccountIds\":[\"1001\",\"1002\"]}");
        var accounts = reply.GetProperty("result");
        Assert.Equal(2, accounts.GetArrayLength());
        foreach (var account in accounts.EnumerateArray())
        {
            var balance = account.GetProperty("BalanceMap").GetProperty("*monetary")[0];
            Assert.Equal("test", balance.GetProperty("ID").GetString());
            Assert.Equal(10m, balance.GetProperty("Value").GetDecimal());
        }
    }

    [Fact]
    public async Task SetBalance_Over100_DisablesTheAccount()
    {
        await using var api = await ApiCalls.StartAsync();
        var set = await api.CallJsonAsync("APIerSv1.SetBalance",
            "{\"Tenant\":\"cgrates.org\",\"Account\":\"1001\",\"Value\":101,\"BalanceType\":\"*monetary\",\"Balance\":{\"ID\":\"MonetaryBalance\"}}");
        Assert.Equal("OK", set.GetProperty("result").GetString());
        var account = await api.CallJsonAsync("APIerSv2.GetAccount", "{\"Tenant\":\"cgrates.org\",\"Account\":\"1001\"}");
        Assert.True(account.GetProperty("result").GetProperty("Disabled").GetBoolean());
    }

    [Fact]
    public async Task SetBalance_WithoutBalanceId_MandatoryIeMissing()
    {
        await using var api = await ApiCalls.StartAsync();
        var reply = await api.CallJsonAsync("APIerSv1.SetBalance",
            "{\"Tenant\":\"cgrates.org\",\"Account\":\"1001\",\"Value\":5,\"BalanceType\":\"*monetary\",\"Balance\":{}}");
        Assert.Equal("MANDATORY_IE_MISSING: [BalanceID or BalanceUUID]", reply.GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetAccount_Unknown_NotFound()
    {
        await using var api = await ApiCalls.StartAsync();
        var reply = await api.CallJsonAsync("APIerSv2.GetAccount", "{\"Tenant\":\"cgrates.org\",\"Account\":\"nobody\"}");
        Assert.Equal("NOT_FOUND", reply.GetProperty("error").GetString());
    }
}
