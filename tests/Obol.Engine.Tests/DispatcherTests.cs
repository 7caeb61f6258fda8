using Xunit;

namespace Obol.Engine.Tests;

/// <summary>
/// DispatcherS between two real engines: a dispatcher engine (dispatchers.enabled) forwarding to a backend engine over
/// JSON-RPC, with its own services as the <c>*internal</c> host to fail over to.
/// </summary>
public sealed class DispatcherTests
{
    [Fact]
    public async Task Dispatch_BackendUpThenKilled_ForwardedThenFailsOverToInternalHost()
    {
        await using var backend = await SessionEngine.StartAsync(configure: c => c.Replace("\"node_id\":\"CGRFreeswitch\"", "\"node_id\":\"backend\""));
        await using var dispatcher = await StartDispatcherAsync();
        var backendAddress = (await backend.Process.ListeningAsync()).ToString();
        await SetHostsAndProfileAsync(dispatcher, backendAddress);

        var forwarded = await dispatcher.CallAsync("CoreSv1.Status", "{}");
        var chargers = await dispatcher.CallAsync("ChargerSv1.GetChargersForEvent", """{"Tenant":"cgrates.org","ID":"e1","Event":{"Account":"1001"}}""");
        var bypassed = await dispatcher.CallAsync("CoreSv1.Status", """{"APIOpts":{"*dispatchers":false}}""");
        backend.Process.Signal("KILL");
        await backend.Process.WaitForExitAsync();
        var failedOver = await dispatcher.CallAsync("CoreSv1.Status", "{}");

        Assert.Equal("backend", forwarded.GetProperty("node_id").GetString());
        Assert.Equal("*default", chargers[0].GetProperty("RunID").GetString());
        Assert.Equal("dispatcher", bypassed.GetProperty("node_id").GetString());
        Assert.Equal("dispatcher", failedOver.GetProperty("node_id").GetString());
        await dispatcher.Process.WaitForOutputAsync("dispatching to host with identity <\"BACKEND\">");
    }

    [Fact]
    public async Task Dispatch_SessionThroughDispatcher_ChargedOnBackendOnly()
    {
        await using var backend = await SessionEngine.StartAsync(configure: c => c.Replace("\"node_id\":\"CGRFreeswitch\"", "\"node_id\":\"backend\""));
        await using var dispatcher = await StartDispatcherAsync();
        await SetHostsAndProfileAsync(dispatcher, (await backend.Process.ListeningAsync()).ToString());
        var before = (await backend.MonetaryAsync("1001"), await dispatcher.MonetaryAsync("1001"));
        var cdr = """{"Flags":["*rals"],"Tenant":"cgrates.org","ID":"d1","Event":{"OriginID":"dsp-1","OriginHost":"127.0.0.1","RequestType":"*postpaid","ToR":"*voice","Tenant":"cgrates.org","Category":"call","Account":"1001","Subject":"1001","Destination":"1002","SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z","Usage":"60s"},"APIOpts":{"*routeID":"dsp-1"}}""";

        await dispatcher.CallAsync("CDRsV1.ProcessEvent", cdr);

        var cost = await backend.TariffCostAsync("1001", "1002", "60s");
        Assert.True(cost > 0);
        Assert.Equal(before.Item1 - cost, await backend.MonetaryAsync("1001"));
        Assert.Equal(before.Item2, await dispatcher.MonetaryAsync("1001"));
        var dispatcherCdrs = await dispatcher.Api.CallRawAsync("APIerSv2.GetCDRs", """{"OriginIDs":["dsp-1"]}"""u8.ToArray());
        Assert.Equal(["*default", "*raw"], (await backend.CdrsAsync("dsp-1")).EnumerateArray().Select(c => c.GetProperty("RunID").GetString()).Order());
        Assert.NotNull(dispatcherCdrs.Error);
    }

    [Fact]
    public async Task GetProfilesForEvent_ProfilesBySubsystemAndFilter_MatchingOnesOrDispatcherError()
    {
        await using var dispatcher = await StartDispatcherAsync();
        await dispatcher.CallAsync("APIerSv1.SetDispatcherProfile",
            """{"Tenant":"cgrates.org","ID":"DSP_1001","Subsystems":["*sessions"],"FilterIDs":["*string:~*req.Account:1001"],"Strategy":"*weight","Weight":20,"Hosts":[{"ID":"SELF","Weight":10}]}""");

        var matched = await dispatcher.CallAsync("DispatcherSv1.GetProfilesForEvent",
            """{"Tenant":"cgrates.org","Event":{"Account":"1001"},"APIOpts":{"*subsys":"*sessions"}}""");
        var otherSubsystem = await dispatcher.Api.CallRawAsync("DispatcherSv1.GetProfilesForEvent",
            """{"Tenant":"cgrates.org","Event":{"Account":"1001"},"APIOpts":{"*subsys":"*stats"}}"""u8.ToArray());
        var noProfile = await dispatcher.Api.CallRawAsync("SessionSv1.AuthorizeEvent",
            """{"Tenant":"cgrates.org","Event":{"Account":"1002"},"APIOpts":{}}"""u8.ToArray());

        Assert.Equal("DSP_1001", matched[0].GetProperty("ID").GetString());
        Assert.Equal("DISPATCHER_ERROR:NOT_FOUND", otherSubsystem.Error);
        Assert.Equal("DISPATCHER_ERROR:NOT_FOUND", noProfile.Error);
    }

    [Fact]
    public async Task DispatcherProfileAndHost_SetGetRemoveAndRestart_KeptAndCgratesErrors()
    {
        await using var engine = await StartDispatcherAsync();

        await SetHostsAndProfileAsync(engine, "127.0.0.1:9");
        await engine.KillAndRestartAsync();
        var profile = await engine.CallAsync("APIerSv1.GetDispatcherProfile", """{"Tenant":"cgrates.org","ID":"DSP_ANY"}""");
        var host = await engine.CallAsync("APIerSv1.GetDispatcherHost", """{"Tenant":"cgrates.org","ID":"BACKEND"}""");
        var hostIds = await engine.CallAsync("APIerSv1.GetDispatcherHostIDs", """{"Tenant":"cgrates.org"}""");
        var removed = await engine.CallAsync("APIerSv1.RemoveDispatcherProfile", """{"Tenant":"cgrates.org","ID":"DSP_ANY"}""");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetDispatcherProfile", """{"Tenant":"cgrates.org","ID":"DSP_ANY"}"""u8.ToArray());
        var missingHost = await engine.Api.CallRawAsync("APIerSv1.RemoveDispatcherHost", """{"Tenant":"cgrates.org","ID":"NOPE"}"""u8.ToArray());
        var badStrategy = await engine.Api.CallRawAsync("APIerSv1.SetDispatcherProfile",
            """{"Tenant":"cgrates.org","ID":"BAD","Subsystems":["*any"],"Strategy":"*first"}"""u8.ToArray());

        Assert.Equal(["BACKEND", "SELF"], profile.GetProperty("Hosts").EnumerateArray().Select(h => h.GetProperty("ID").GetString()));
        Assert.Equal(("127.0.0.1:9", "*json", 2_000_000_000L), (host.GetProperty("Address").GetString(), host.GetProperty("Transport").GetString(),
            host.GetProperty("ReplyTimeout").GetInt64()));
        Assert.Equal(["BACKEND", "SELF"], hostIds.EnumerateArray().Select(h => h.GetString()));
        Assert.Equal("OK", removed.GetString());
        Assert.Equal("DSP_PROFILE_NOT_FOUND", gone.Error);
        Assert.Equal("DSP_HOST_NOT_FOUND", missingHost.Error);
        Assert.Contains("unsupported dispatch strategy <*first>", badStrategy.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_ApiKeyAuthorization_MethodsOfTheKeyOnly()
    {
        await using var engine = await StartDispatcherAsync("""
            "dispatchers": {"enabled": true, "attributes_conns": ["*internal"]},
            """);
        await engine.CallAsync("APIerSv1.SetDispatcherHost", """{"Tenant":"cgrates.org","ID":"SELF","Address":"*internal"}""");
        await engine.CallAsync("APIerSv1.SetDispatcherProfile",
            """{"Tenant":"cgrates.org","ID":"DSP_ANY","Subsystems":["*any"],"Strategy":"*weight","Hosts":[{"ID":"SELF"}]}""");
        await engine.CallAsync("APIerSv1.SetAttributeProfile",
            """{"Tenant":"cgrates.org","ID":"AUTH_KEY1","Contexts":["*auth"],"FilterIDs":["*string:~*req.ApiKey:key1"],"Attributes":[{"Path":"*req.APIMethods","Type":"*constant","Value":"CoreSv1.Status&ChargerSv1.Ping"}],"Weight":20}""");

        var allowed = await engine.CallAsync("CoreSv1.Status", """{"APIOpts":{"*apiKey":"key1"}}""");
        var notAllowed = await engine.Api.CallRawAsync("CoreSv1.Ping", """{"APIOpts":{"*apiKey":"key1"}}"""u8.ToArray());
        var unknownKey = await engine.Api.CallRawAsync("CoreSv1.Status", """{"APIOpts":{"*apiKey":"key2"}}"""u8.ToArray());
        var noKey = await engine.Api.CallRawAsync("CoreSv1.Status", "{}"u8.ToArray());

        Assert.Equal("dispatcher", allowed.GetProperty("node_id").GetString());
        Assert.Equal("UNAUTHORIZED_API", notAllowed.Error);
        Assert.Equal("UNKNOWN_API_KEY", unknownKey.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [ApiKey]", noKey.Error);
    }

    [Fact]
    public async Task SetConfig_PreventLoopsOnLive_ForwardedRequestAnsweredLocallyInsteadOfDispatched()
    {
        await using var engine = await StartDispatcherAsync();
        const string Forwarded = """{"APIOpts":{"*subsys":"*dispatchers"}}""";

        var dispatched = await engine.Api.CallRawAsync("CoreSv1.Status", System.Text.Encoding.UTF8.GetBytes(Forwarded));
        // ConfigSv1 is itself dispatched; *dispatchers:false reaches this engine's own, as with CGRateS.
        var set = await engine.CallAsync("ConfigSv1.SetConfig", """{"Config":{"dispatchers":{"prevent_loops":true}},"APIOpts":{"*dispatchers":false}}""");
        var local = await engine.CallAsync("CoreSv1.Status", Forwarded);
        var refused = await engine.Api.CallRawAsync("ConfigSv1.SetConfig",
            """{"Config":{"dispatchers":{"enabled":false}},"APIOpts":{"*dispatchers":false}}"""u8.ToArray());

        Assert.Equal("DISPATCHER_ERROR:NOT_FOUND", dispatched.Error);
        Assert.Equal("OK", set.GetString());
        Assert.Equal("dispatcher", local.GetProperty("node_id").GetString());
        Assert.Contains("dispatchers.enabled", refused.Error, StringComparison.Ordinal);
    }

    private static Task<SessionEngine> StartDispatcherAsync(string section = "\"dispatchers\": {\"enabled\": true},\n") =>
        SessionEngine.StartAsync(configure: c => c.Replace("\"node_id\":\"CGRFreeswitch\"", "\"node_id\":\"dispatcher\"")
            .Replace("\"general\": {", section + "\n\"general\": {"));

    private static async Task SetHostsAndProfileAsync(SessionEngine engine, string backendAddress)
    {
        await engine.CallAsync("APIerSv1.SetDispatcherHost",
            $$"""{"Tenant":"cgrates.org","ID":"BACKEND","Address":"{{backendAddress}}","Transport":"*json","ConnectAttempts":1,"ReplyTimeout":2000000000}""");
        await engine.CallAsync("APIerSv1.SetDispatcherHost", """{"Tenant":"cgrates.org","ID":"SELF","Address":"*internal"}""");
        await engine.CallAsync("APIerSv1.SetDispatcherProfile",
            """{"Tenant":"cgrates.org","ID":"DSP_ANY","Subsystems":["*any"],"Strategy":"*weight","Weight":10,"Hosts":[{"ID":"BACKEND","Weight":20},{"ID":"SELF","Weight":10}]}""");
    }
}
