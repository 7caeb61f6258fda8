using Xunit;

namespace Obol.Engine.Tests;

/// <summary>Actions whose effects leave RALs: <c>*cdrlog</c> to CDRs (<c>schedulers.cdrs_conns</c>) and
/// <c>*force_disconnect_sessions</c> to SessionS (<c>rals.sessions_conns</c>), in a real engine.</summary>
public sealed class ActionEffectsTests
{
    [Fact]
    public async Task AddBalance_CdrlogWithSchedulerCdrsConns_TopupIsStoredAsACdr()
    {
        await using var engine = await SessionEngine.StartAsync(configure: c => Connect(c, "\"schedulers\": {", "cdrs_conns"));

        var reply = await engine.CallAsync("APIerSv1.AddBalance",
            """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":5,"Cdrlog":true,"Balance":{"ID":"extra"}}""");

        Assert.Equal("OK", reply.GetString());
        var cdr = await PollAsync(async () =>
        {
            // NOT_FOUND until the CDR, posted off the account's lock, is stored.
            var reply = await engine.Api.CallRawAsync("APIerSv2.GetCDRs", """{"Accounts":["1001"],"RunIDs":["*topup"]}"""u8.ToArray());
            if (reply.Error is not null)
            {
                Assert.Equal("NOT_FOUND", reply.Error);
                return null;
            }
            using var cdrs = System.Text.Json.JsonDocument.Parse(reply.Result);
            return Assert.Single(cdrs.RootElement.EnumerateArray()).Clone();
        });
        Assert.Equal((5m, "*monetary", "*none", "*cdrlog"), (cdr.GetProperty("Cost").GetDecimal(), cdr.GetProperty("ToR").GetString(),
            cdr.GetProperty("RequestType").GetString(), cdr.GetProperty("Source").GetString()));
    }

    [Fact]
    public async Task ExecuteAction_ForceDisconnectSessionsWithRalsSessionsConns_EndsTheAccountsCall()
    {
        await using var engine = await CallsOf1001And1002Async("kicked", "kept", """
            {"ActionsId":"ACT_KICK","Actions":[{"Identifier":"*force_disconnect_sessions",
             "ExtraParameters":"cgrates.org;*string:~*req.Account:1001;1;*none:none;DisconnectCause:FRAUD","Weight":10}]}
            """);

        await engine.CallAsync("APIerSv1.ExecuteAction", """{"Tenant":"cgrates.org","Account":"1001","ActionsId":"ACT_KICK"}""");

        var cause = await engine.Switch.Disconnect("kicked").Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal("FRAUD", cause);
        var left = await engine.CallAsync("SessionSv1.GetActiveSessions", "null");
        Assert.Equal(["kept"], left.EnumerateArray().Select(s => s.GetProperty("OriginID").GetString()).Distinct());
    }

    [Fact]
    public async Task AlterSessions_ApiAndAction_AgentGetsTheStartEventWithTheGivenFieldsOfMatchingCallsOnly()
    {
        await using var engine = await CallsOf1001And1002Async("altered", "other", """
            {"ActionsId":"ACT_ALTER","Actions":[{"Identifier":"*alter_sessions",
             "ExtraParameters":"cgrates.org;*string:~*req.Account:1002;1;*opt:x;Reason:action","Weight":10}]}
            """);

        var byApi = await engine.CallAsync("SessionSv1.AlterSessions", """{"Filters":["*string:~*req.Account:1001"],"Event":{"Reason":"api"}}""");
        await engine.CallAsync("APIerSv1.ExecuteAction", """{"Tenant":"cgrates.org","Account":"1002","ActionsId":"ACT_ALTER"}""");
        var none = await engine.Api.CallRawAsync("SessionSv1.AlterSessions", """{"Filters":["*string:~*req.Account:1003"]}"""u8.ToArray());

        Assert.Equal("OK", byApi.GetString());
        Assert.Equal("NOT_FOUND", none.Error);
        var first = await engine.Switch.Altered("altered").Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var second = await engine.Switch.Altered("other").Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(("api", "1001", "1002"), (first.GetProperty("Reason").GetString(), first.GetProperty("Account").GetString(),
            first.GetProperty("Destination").GetString()));
        Assert.Equal(("action", "1002"), (second.GetProperty("Reason").GetString(), second.GetProperty("Account").GetString()));
    }

    [Fact]
    public async Task ExecuteAction_RemoveSessionCostsWithStoreSessionCosts_RemovesOnlyTheSelectedCosts()
    {
        await using var engine = await SessionEngine.StartAsync(configure: c => c.Replace("\"sessions\": {", "\"sessions\": {\"store_session_costs\": true,",
            StringComparison.Ordinal));
        foreach (var call in new[] { "call-a", "call-b" })
        {
            await engine.Switch.InitiateAsync(call, "1001", "1002", "*prepaid", "0s");
            Assert.Equal("OK", (await engine.Switch.TerminateRawAsync(call, "1001", "1002", "*prepaid", "30s")).ResultString());
            Assert.Equal("OK", (await engine.Switch.ProcessCdrRawAsync(call, "1001", "1002", "*prepaid", "30s")).ResultString());
        }
        Assert.Equal((1, 1), (await StoredCostsAsync(engine, "call-a"), await StoredCostsAsync(engine, "call-b")));
        await engine.CallAsync("APIerSv1.SetActions", """
            {"ActionsId":"ACT_PURGE","Actions":[{"Identifier":"*remove_session_costs","ExtraParameters":"*string:~*sc.OriginID:call-a","Weight":10}]}
            """);
        await engine.CallAsync("APIerSv1.SetActions", """
            {"ActionsId":"ACT_TYPO","Actions":[{"Identifier":"*remove_session_costs","ExtraParameters":"FLTR_NO_SUCH","Weight":10}]}
            """);
        var typo = await engine.Api.CallRawAsync("APIerSv1.ExecuteAction", """{"Tenant":"cgrates.org","Account":"1001","ActionsId":"ACT_TYPO"}"""u8.ToArray());
        Assert.Contains("FLTR_NO_SUCH", typo.Error, StringComparison.Ordinal);

        await engine.CallAsync("APIerSv1.ExecuteAction", """{"Tenant":"cgrates.org","Account":"1001","ActionsId":"ACT_PURGE"}""");

        for (var i = 0; i < 100 && await StoredCostsAsync(engine, "call-a") > 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Equal((0, 1), (await StoredCostsAsync(engine, "call-a"), await StoredCostsAsync(engine, "call-b")));
    }

    // The *default run's kept cost (the *raw run settles none), read beside the running engine.
    private static async Task<long> StoredCostsAsync(SessionEngine engine, string originId)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(engine.DataDir, "obol.db")};Mode=ReadOnly");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM documents WHERE collection = 'session_costs' AND json LIKE $origin";
        command.Parameters.AddWithValue("$origin", $"%\"OriginID\":\"{originId}\"%");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>An engine with <c>rals.sessions_conns</c>, a call of 1001 and one of 1002 up, and the actions set.</summary>
    private static async Task<SessionEngine> CallsOf1001And1002Async(string callOf1001, string callOf1002, string setActions)
    {
        var engine = await SessionEngine.StartAsync(configure: c => Connect(c, "\"rals\": {", "sessions_conns"));
        try
        {
            await engine.Switch.InitiateAsync(callOf1001, "1001", "1002", "*prepaid", "0s");
            await engine.Switch.InitiateAsync(callOf1002, "1002", "1001", "*prepaid", "0s");
            await engine.CallAsync("APIerSv1.SetActions", setActions);
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    private static string Connect(string config, string section, string key)
    {
        Assert.Contains(section, config, StringComparison.Ordinal);
        return config.Replace(section, $$"""{{section}} "{{key}}": ["*internal"],""", StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.JsonElement> PollAsync(Func<Task<System.Text.Json.JsonElement?>> read)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await read() is { } found)
            {
                return found;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("nothing came in 5 s");
    }
}
