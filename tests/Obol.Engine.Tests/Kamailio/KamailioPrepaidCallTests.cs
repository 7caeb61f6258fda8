using Xunit;

namespace Obol.Engine.Tests.Kamailio;

/// <summary>A real prepaid call through a real Kamailio: SIPp 1001 talks to SIPp 1002 for 30 s.</summary>
public sealed class KamailioPrepaidCallTests
{
    [Fact]
    public async Task Call_Prepaid1001To1002For30s_ChargedTheCdrCostAndExportedOnce()
    {
        await using var engine = await KamailioEngine.StartAsync("prepaid");
        var before = await engine.MonetaryAsync("1001");

        var (caller, callee, callId) = await engine.CallAsync("1001", "1002", talk: TimeSpan.FromSeconds(30),
            timeout: TimeSpan.FromSeconds(60));

        Assert.True(caller.ExitCode == 0 && caller.Successful == 1, caller + "\n" + engine.Diagnostics());
        Assert.True(callee.ExitCode == 0 && callee.Successful == 1, callee.ToString());
        Assert.False(caller.ReceivedBye, "the caller hangs up itself");
        var cdr = await engine.DefaultCdrAsync(callId);
        var usage = CdrJson.Usage(cdr);
        Assert.InRange(usage.TotalSeconds, 29, 31);
        var cost = CdrJson.Cost(cdr);
        Assert.Equal(await engine.TariffCostAsync("1001", "1002", usage, CdrJson.AnswerTime(cdr)), cost);
        Assert.True(cost > 0, $"cost {cost}");
        Assert.Equal("*prepaid", cdr.GetProperty("RequestType").GetString());
        Assert.Equal(before - cost, await engine.MonetaryAsync("1001"));

        await engine.CallApiAsync("APIerSv1.ExportCDRs", """{"ExporterIDs":["tutorial_export"]}""");
        var file = Assert.Single(Directory.GetFiles(engine.ExportDir, "*.csv"));
        var lines = await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken);
        var rows = lines.Where(l => l.Contains(callId, StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        // one row per charging run of the call (the plan's chargers: *default, and *raw unrated), none twice
        Assert.Equal(rows.Count, rows.Select(r => r[1]).Distinct().Count());
        var fields = Assert.Single(rows, r => r[1] == "*default");
        Assert.Equal(callId, fields[3]);
        Assert.Equal("*prepaid", fields[4]);
        Assert.Equal("1001", fields[7]);
        Assert.Equal("1002", fields[9]);
        Assert.Equal(((long)usage.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), fields[12]);
        Assert.Equal(cost, decimal.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture));
    }
}
