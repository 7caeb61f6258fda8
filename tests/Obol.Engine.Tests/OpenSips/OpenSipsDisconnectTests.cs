using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests.OpenSips;

/// <summary>
/// The engine reaching back into OpenSIPS over the module's connection (client_protocol 1.0): SessionSv1.DisconnectSession
/// must name the dialog with the very JSON integers the module sent, or the module cannot end the call;
/// SessionSv1.GetActiveSessionIDs is answered from the module's engaged sessions.
/// </summary>
public sealed class OpenSipsDisconnectTests
{
    [Fact]
    public async Task DebitLoop_1001To1003ReachesMaxCost_DialogEndedAt12sThroughItsIntegerIds()
    {
        await using var engine = await OpenSipsEngine.StartAsync();
        var (call, auth, _) = await TutorialScript.InviteAsync(engine.Module, "1001", "1003");
        // The module measures the call in whole time(NULL) seconds; answering just after a second ticks makes that
        // count the real 12 s rather than 12 or 13 depending on where in its second the call was answered.
        await Task.Delay(1000 - DateTimeOffset.UtcNow.Millisecond, TestContext.Current.CancellationToken);

        var clock = Stopwatch.StartNew();
        await call.AnswerAsync();
        var reason = await call.Ended.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var cutAfter = clock.Elapsed;

        Assert.Equal("12", auth.Reply.Result!.Value.GetProperty("MaxUsage").GetRawText());
        Assert.InRange(cutAfter.TotalSeconds, 11, 13);
        Assert.Equal("CGRateS Disconnect: INSUFFICIENT_CREDIT", reason);
        AssertDisconnectNamed(engine.Module, call, "INSUFFICIENT_CREDIT");
        Assert.Empty(engine.Module.CallbackErrors);
        Assert.Null(call.Terminate!.Error);
        Assert.Null(call.Cdr!.Error);
        // The module counts whole time(NULL) seconds, so a loaded machine can make the cut at 12 s report 13 s; either
        // way 1003's 1 cent per second is charged for exactly what the CDR says.
        var cdr = await engine.DefaultCdrAsync(call.CallId);
        Assert.Contains(cdr.GetProperty("Usage").GetString(), (string[])["12s", "13s"]);
        var cost = cdr.GetProperty("Cost").GetDecimal();
        Assert.Equal(int.Parse(cdr.GetProperty("Usage").GetString()!.TrimEnd('s'), CultureInfo.InvariantCulture) * 0.01m, cost);
        Assert.Equal(10m - cost, await engine.MonetaryAsync("1001"));
    }

    [Fact]
    public async Task DebitLoop_BalanceSet101DuringCall_AccountDisabledAndDialogEndedAtTheNextDebit()
    {
        await using var engine = await OpenSipsEngine.StartAsync();
        var call = engine.Module.Invite("1001", "1003");
        // A per-call debit interval, as a script sets it: $cgr_opt(APIOpts) := '{"*sessionsDebitInterval":"1s"}'.
        call.CgrOpt["APIOpts"] = new JsonC.Raw("""{"*sessionsDebitInterval":"1s"}""");
        call.Cgr["RequestType"] = "*prepaid";
        call.Cgr["OriginHost"] = "127.0.0.1";
        call.Account("cdr");
        await call.AnswerAsync();

        await engine.CallAsync("APIerSv1.SetBalance", """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":101,"Balance":{"ID":"test"}}""");
        var reason = await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal("CGRateS Disconnect: SERVER_ERROR", reason);
        AssertDisconnectNamed(engine.Module, call, "SERVER_ERROR");
        Assert.Empty(engine.Module.CallbackErrors);
        var account = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        Assert.True(account.GetProperty("Disabled").GetBoolean());
    }

    [Fact]
    public async Task ChannelSync_ModuleNoLongerHasOneDialog_OnlyThatSessionEndedAndTheOtherCharged()
    {
        await using var engine = await OpenSipsEngine.StartAsync("""{"sessions":{"channel_sync_interval":"1s"}}""");
        var (kept, _, _) = await TutorialScript.InviteAsync(engine.Module, "1001", "1002");
        var (lost, _, _) = await TutorialScript.InviteAsync(engine.Module, "1003", "1001");
        await kept.AnswerAsync();
        await lost.AnswerAsync();

        // The BYE's TerminateSession never reached the engine (e.g. OpenSIPS restarted): only channel sync can end it.
        engine.Module.Lose(lost);
        await WaitAsync(async () => (await ActiveOriginIdsAsync(engine)).SequenceEqual([kept.CallId]), TimeSpan.FromSeconds(10), engine);
        var syncs = engine.Module.Callbacks.Where(c => c.GetProperty("method").GetString() == "SessionSv1.GetActiveSessionIDs").ToList();
        await kept.HangUpAsync(TimeSpan.FromSeconds(40));
        await kept.Ended.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.NotEmpty(syncs);
        Assert.All(syncs, s => Assert.Equal("[ \"\" ]", JsonC.Serialize(s.GetProperty("params"))));
        // client_protocol 1.0: only the SessionSv1 names the module answers, never AgentV1.*.
        Assert.All(engine.Module.Callbacks, c => Assert.StartsWith("SessionSv1.", c.GetProperty("method").GetString(), StringComparison.Ordinal));
        // The engine also asks OpenSIPS to hang the lost call up; the module has no such dialog and says so, as with CGRateS.
        Assert.All(engine.Module.CallbackErrors, e => Assert.Equal("SessionSv1.DisconnectSession: cannot terminate dialog", e));
        var lostCdr = await engine.DefaultCdrAsync(lost.CallId);
        Assert.Equal("FORCED_DISCONNECT", lostCdr.GetProperty("ExtraFields").GetProperty("DisconnectCause").GetString());
        Assert.True(lostCdr.GetProperty("Cost").GetDecimal() > 0);
        Assert.Equal(10m - 0.6m, await engine.MonetaryAsync("1001"));
        Assert.Equal("40s", (await engine.DefaultCdrAsync(kept.CallId)).GetProperty("Usage").GetString());
    }

    /// <summary>The engine's SessionSv1.DisconnectSession for the call: {EventStart, Reason}, the dialog's ids back as
    /// the same JSON integers the module sent in InitiateSession.</summary>
    private static void AssertDisconnectNamed(OpenSipsModuleClient module, OpenSipsCall call, string reason)
    {
        var disconnect = Assert.Single(module.Callbacks, c => c.GetProperty("method").GetString() == "SessionSv1.DisconnectSession");
        var args = Assert.Single(disconnect.GetProperty("params").EnumerateArray());
        Assert.Equal(reason, args.GetProperty("Reason").GetString());
        var eventStart = args.GetProperty("EventStart");
        Assert.Equal(call.CallId, eventStart.GetProperty("OriginID").GetString());
        Assert.Equal(call.DialogId.ToString(System.Globalization.CultureInfo.InvariantCulture), eventStart.GetProperty("DialogID").GetRawText());
        Assert.Equal(call.DialogEntry.ToString(System.Globalization.CultureInfo.InvariantCulture), eventStart.GetProperty("DialogEntry").GetRawText());
    }

    private static async Task<List<string>> ActiveOriginIdsAsync(OpenSipsEngine engine)
    {
        var reply = await engine.Api.CallRawAsync("SessionSv1.GetActiveSessions", "null"u8.ToArray());
        if (reply.Error is not null)
        {
            return [];
        }
        using var sessions = JsonDocument.Parse(reply.Result);
        return [.. sessions.RootElement.EnumerateArray().Select(s => s.GetProperty("OriginID").GetString()!).Distinct()];
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, OpenSipsEngine engine)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not reached in time; active: {string.Join(", ", await ActiveOriginIdsAsync(engine))}; "
                + $"callbacks: {string.Join(" ", engine.Module.Callbacks.Select(c => c.GetProperty("method").GetString()))}; engine log:\n{engine.Process.Stdout}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
