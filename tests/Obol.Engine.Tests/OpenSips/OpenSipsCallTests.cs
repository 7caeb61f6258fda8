using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests.OpenSips;

/// <summary>
/// The osips tutorial's calls, the cgrates module speaking for OpenSIPS to a real engine on its BiRPC port: the
/// tutorial script authorizes (AuthorizeEventWithDigest), the answered call is initiated, the BYE terminates it and
/// posts its CDR — all with the module's exact messages, charged as the tutorial plan says.
/// </summary>
public sealed class OpenSipsCallTests
{
    [Fact]
    public async Task TutorialCall_Prepaid1001To1002For30s_BalanceFallsByTheTariffCostAndCdrStored()
    {
        await using var engine = await OpenSipsEngine.StartAsync();

        var (call, auth, rejected) = await TutorialScript.InviteAsync(engine.Module, "1001", "1002");
        var init = await call.AnswerAsync();
        var during = await engine.MonetaryAsync("1001");
        await call.HangUpAsync(TimeSpan.FromSeconds(30));
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(rejected is null, $"INVITE rejected: {auth.Reply.Error} {auth.Reply.Result}");
        Assert.Equal(1, auth.Rc);
        Assert.Contains("RequestType:*prepaid", (string)auth.Ret["AttributesDigest"], StringComparison.Ordinal);
        Assert.Equal("route2", call.Cgr["RouteID"]);
        Assert.Equal("-1", init.Result!.Value.GetProperty("MaxUsage").GetRawText());
        Assert.Null(call.Lifetime);
        Assert.Equal(10m - 0.6m, during);
        Assert.Equal("\"OK\"", call.Terminate!.Result!.Value.GetRawText());
        Assert.Equal("\"OK\"", call.Cdr!.Result!.Value.GetRawText());
        var cost = await engine.TariffCostAsync("1001", "1002", "30s");
        Assert.Equal(0.6m, cost);
        Assert.Equal(10m - cost, await engine.MonetaryAsync("1001"));
        var cdr = await engine.DefaultCdrAsync(call.CallId);
        Assert.Equal(cost, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal("30s", cdr.GetProperty("Usage").GetString());
        Assert.Equal("*sessions", cdr.GetProperty("CostSource").GetString());
        Assert.Equal("*prepaid", cdr.GetProperty("RequestType").GetString());
        Assert.Equal("127.0.0.1", cdr.GetProperty("OriginHost").GetString());
        // The module sends no Category: general.default_category rates the call.
        Assert.Equal("call", cdr.GetProperty("Category").GetString());
        Assert.Equal(ModuleTime(call.Initiate!, "AnswerTime"), cdr.GetProperty("AnswerTime").GetDateTimeOffset());
        Assert.Equal(ModuleTime(call.Initiate!, "SetupTime"), cdr.GetProperty("SetupTime").GetDateTimeOffset());
        Assert.Empty(engine.Module.CallbackErrors);
    }

    [Fact]
    public async Task TutorialCall_Postpaid1002To1001For20s_NothingDuringTheCallExactCostAtTheEnd()
    {
        await using var engine = await OpenSipsEngine.StartAsync();

        var (call, auth, rejected) = await TutorialScript.InviteAsync(engine.Module, "1002", "1001");
        var init = await call.AnswerAsync();
        var during = await engine.MonetaryAsync("1002");
        await call.HangUpAsync(TimeSpan.FromSeconds(20), "Downstream BYE");
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(rejected is null, $"INVITE rejected: {auth.Reply.Error} {auth.Reply.Result}");
        // The script sends RequestType *prepaid for everybody; ATTR_1002_SESSIONAUTH makes 1002 postpaid.
        Assert.Contains("RequestType:*postpaid", (string)auth.Ret["AttributesDigest"], StringComparison.Ordinal);
        Assert.Equal("10800000000000", init.Result!.Value.GetProperty("MaxUsage").GetRawText());
        Assert.Equal(10800, call.Lifetime);
        Assert.Equal(10m, during);
        Assert.Null(call.Terminate!.Error);
        Assert.Null(call.Cdr!.Error);
        var cost = await engine.TariffCostAsync("1002", "1001", "20s");
        Assert.Equal(0.6m, cost);
        Assert.Equal(10m - cost, await engine.MonetaryAsync("1002"));
        var cdr = await engine.DefaultCdrAsync(call.CallId);
        Assert.Equal(cost, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal("20s", cdr.GetProperty("Usage").GetString());
        Assert.Equal("*postpaid", cdr.GetProperty("RequestType").GetString());
        Assert.Equal("*cdrs", cdr.GetProperty("CostSource").GetString());
    }

    [Fact]
    public async Task CgratesCmd_AuthorizeProcessEventUpdateTerminate_RepliesAsTheScriptReadsThem()
    {
        await using var engine = await OpenSipsEngine.StartAsync();
        // The module README's cgrates_cmd example, then the same event through ProcessEvent (Flags set with :=, a
        // JSON option), UpdateSession and TerminateSession.
        var call = engine.Module.Invite("1001", "1003");
        call.CgrOpt["Tenant"] = "cgrates.org";
        call.CgrOpt["GetMaxUsage"] = 1;
        call.Cgr["Account"] = "1001";
        call.Cgr["OriginID"] = call.CallId;
        call.Cgr["SetupTime"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        call.Cgr["RequestType"] = "*prepaid";
        call.Cgr["Destination"] = "1003";
        call.Cgr["OriginHost"] = "127.0.0.1";

        var authorize = await call.CommandAsync("SessionSv1.AuthorizeEvent");
        call.CgrOpt["Flags"] = new JsonC.Raw("""["*rals:*authorize"]""");
        var processEvent = await call.CommandAsync("SessionSv1.ProcessEvent");
        call.CgrOpt["UpdateSession"] = 1;
        call.Cgr["Usage"] = "5s";
        var update = await call.CommandAsync("SessionSv1.UpdateSession");
        call.CgrOpt["TerminateSession"] = 1;
        var terminate = await call.CommandAsync("SessionSv1.TerminateSession");
        var cost = await call.CommandAsync("SessionSv1.GetCost");

        Assert.True(authorize.Rc == 1, authorize.Reply.Error);
        Assert.Equal("12000000000", authorize.Reply.Result!.Value.GetProperty("MaxUsage").GetRawText());
        Assert.Equal(1, processEvent.Rc);
        Assert.Equal("{ \"*raw\": 12000000000 }", processEvent.Ret["MaxUsage"]);
        Assert.Equal(1, update.Rc);
        Assert.Equal("5000000000", update.Reply.Result!.Value.GetProperty("MaxUsage").GetRawText());
        Assert.Equal((1, "\"OK\""), (terminate.Rc, terminate.Reply.Result!.Value.GetRawText()));
        Assert.Equal(1, cost.Rc);
        Assert.Equal(0.05m, cost.Reply.Result!.Value.GetProperty("EventCost").GetProperty("Cost").GetDecimal());
        Assert.Equal(10m - 0.05m, await engine.MonetaryAsync("1001"));
    }

    /// <summary>The time the module sent (whole unix seconds as a string), as the engine should have read it.</summary>
    private static DateTimeOffset ModuleTime(ModuleReply request, string field)
    {
        using var sent = JsonDocument.Parse(request.Request);
        var seconds = long.Parse(sent.RootElement.GetProperty("params")[0].GetProperty("Event").GetProperty(field).GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
