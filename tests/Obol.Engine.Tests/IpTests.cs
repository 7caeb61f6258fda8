using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>IPs on a real engine: profiles over APIerSv1, addresses handed out and released over IPsV1 and through
/// SessionS's AllocateIP/ReleaseIP, stored allocations kept across a SIGKILL.</summary>
public sealed class IpTests
{
    private const string Profile = """
        {"Tenant":"cgrates.org","ID":"IPS_1001","FilterIDs":["*string:~*req.Account:1001"],"Weight":10,"TTL":-1,"Stored":true,
         "Pools":[{"ID":"POOL_A","FilterIDs":[],"Type":"*ipv4","Range":"10.10.0.0/30","Strategy":"*ascending","Message":"pool A","Weight":10,"Blocker":false}]}
        """;

    [Fact]
    public async Task AllocateIP_PoolOfTwo_HandedOutReleasedAndKeptAcrossSigkill()
    {
        await using var engine = await StartAsync();
        await engine.CallAsync("APIerSv1.SetIPProfile", Profile);
        var profile = await engine.CallAsync("APIerSv1.GetIPProfile", """{"Tenant":"cgrates.org","ID":"IPS_1001"}""");
        var loadIds = await engine.CallAsync("APIerSv1.GetLoadIDs", "\"\"");

        var first = await engine.CallAsync("IPsV1.AllocateIP", Event("a"));
        var second = await engine.CallAsync("IPsV1.AllocateIP", Event("b"));
        var full = await engine.Api.CallRawAsync("IPsV1.AllocateIP", System.Text.Encoding.UTF8.GetBytes(Event("c")));
        var authorizeFull = await engine.Api.CallRawAsync("IPsV1.AuthorizeIP", System.Text.Encoding.UTF8.GetBytes(Event("c")));
        await engine.KillAndRestartAsync();
        var stillFull = await engine.Api.CallRawAsync("IPsV1.AllocateIP", System.Text.Encoding.UTF8.GetBytes(Event("c")));
        var released = await engine.CallAsync("IPsV1.ReleaseIP", Event("a"));
        var reused = await engine.CallAsync("IPsV1.AllocateIP", Event("c"));
        var allocations = await engine.CallAsync("IPsV1.GetIPAllocations", """{"Tenant":"cgrates.org","ID":"IPS_1001"}""");

        Assert.Equal("10.10.0.0/30", profile.GetProperty("Pools")[0].GetProperty("Range").GetString());
        Assert.Equal(loadIds.GetProperty("*ip_profiles").GetInt64(), loadIds.GetProperty("*ip_allocations").GetInt64());
        Assert.Equal(("IPS_1001", "POOL_A", "pool A", "10.10.0.1"), Allocated(first));
        Assert.Equal("10.10.0.2", second.GetProperty("Address").GetString());
        Assert.Equal("allocation failed for pool \"POOL_A\", range \"10.10.0.0/30\": IP_ALREADY_ALLOCATED (all 2 addresses allocated)", full.Error);
        Assert.Equal("IP_UNAUTHORIZED", authorizeFull.Error);
        Assert.Equal(full.Error, stillFull.Error);
        Assert.Equal("OK", released.GetString());
        Assert.Equal("10.10.0.1", reused.GetProperty("Address").GetString());
        Assert.Equal(["b", "c"], allocations.GetProperty("Allocations").EnumerateObject().Select(p => p.Name));
        Assert.Equal("10.10.0.1", allocations.GetProperty("Allocations").GetProperty("c").GetProperty("Address").GetString());
    }

    [Fact]
    public async Task SessionSv1_AllocateIPOnInitiate_AddressInReplyAndReleasedOnTerminate()
    {
        await using var engine = await StartAsync();
        await engine.CallAsync("APIerSv1.SetIPProfile", Profile);

        var authorized = await engine.Switch.CallAsync("SessionSv1.AuthorizeEventWithDigest",
            "{\"GetMaxUsage\":true,\"AuthorizeIP\":true," + CallEvent("ipcall1") + "}");
        var initiated = await engine.Switch.CallAsync("SessionSv1.InitiateSession",
            "{\"InitSession\":true,\"AllocateIP\":true," + CallEvent("ipcall1") + "}");
        var during = await engine.CallAsync("IPsV1.GetIPAllocations", """{"Tenant":"cgrates.org","ID":"IPS_1001"}""");
        await engine.Switch.CallAsync("SessionSv1.TerminateSession", "{\"TerminateSession\":true,\"ReleaseIP\":true," + CallEvent("ipcall1") + "}");
        var after = await engine.CallAsync("IPsV1.GetIPAllocations", """{"Tenant":"cgrates.org","ID":"IPS_1001"}""");
        var unmatched = await engine.Switch.RawAsync("SessionSv1.InitiateSession",
            "{\"AllocateIP\":true," + CallEvent("ipcall2").Replace("\"Account\":\"1001\"", "\"Account\":\"1002\"", StringComparison.Ordinal) + "}");

        Assert.Equal("IPS_1001:POOL_A:pool A:10.10.0.1", authorized.GetProperty("AllocatedIP").GetString());
        Assert.Equal(("IPS_1001", "POOL_A", "pool A", "10.10.0.1"), Allocated(initiated.GetProperty("AllocatedIP")));
        Assert.Equal("10.10.0.1", during.GetProperty("Allocations").GetProperty("ipcall1").GetProperty("Address").GetString());
        Assert.Empty(after.GetProperty("Allocations").EnumerateObject());
        Assert.Equal("IPS_ERROR:NOT_FOUND", unmatched.Error);
    }

    [Fact]
    public async Task SetIPProfile_BadRange_RefusedNamingThePool()
    {
        await using var engine = await StartAsync();

        var reply = await engine.Api.CallRawAsync("APIerSv1.SetIPProfile", System.Text.Encoding.UTF8.GetBytes(
            Profile.Replace("10.10.0.0/30", "10.10.0.0/33", StringComparison.Ordinal)));
        var missing = await engine.Api.CallRawAsync("APIerSv1.GetIPProfile", """{"Tenant":"cgrates.org","ID":"IPS_1001"}"""u8.ToArray());

        Assert.Equal("SERVER_ERROR: IP profile cgrates.org:IPS_1001: pool POOL_A: Range <10.10.0.0/33> is neither a CIDR prefix nor an IP address", reply.Error);
        Assert.Equal("NOT_FOUND", missing.Error);
    }

    private static (string?, string?, string?, string?) Allocated(JsonElement ip) => (ip.GetProperty("ProfileID").GetString(),
        ip.GetProperty("PoolID").GetString(), ip.GetProperty("Message").GetString(), ip.GetProperty("Address").GetString());

    private static string Event(string allocationId) => $$$"""
        {"Tenant":"cgrates.org","ID":"ev-{{{allocationId}}}","Event":{"Account":"1001"},"APIOpts":{"*ipAllocationID":"{{{allocationId}}}"}}
        """;

    private static string CallEvent(string originId) => $$"""
        "Tenant":"cgrates.org","ID":"{{originId}}","Event":{"OriginID":"{{originId}}","OriginHost":"10.0.0.9","RequestType":"*prepaid",
        "Account":"1001","Subject":"1001","Destination":"1002","Category":"call","ToR":"*voice","AnswerTime":"2026-01-05T10:00:05Z","Usage":"30s"}
        """;

    private static Task<SessionEngine> StartAsync() => SessionEngine.StartAsync(configure: c => c
        .Replace("\"general\": {", "\"ips\": {\"enabled\": true},\n\"general\": {", StringComparison.Ordinal)
        .Replace("\"sessions\": {", "\"sessions\": {\n\t\"ips_conns\": [\"*internal\"],", StringComparison.Ordinal));
}
