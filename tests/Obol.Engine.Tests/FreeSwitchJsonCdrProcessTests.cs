using System.Net;
using System.Net.Http.Headers;
using Obol.Cdrs;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>FreeSWITCH's mod_json_cdr posting a real JSON CDR to <c>/freeswitch_json</c> on a running engine's HTTP
/// listener with the tutorial config and plan: rated, charged and stored once.</summary>
public sealed class FreeSwitchJsonCdrProcessTests
{
    private const string Uuid = "5a3a1d91-90d3-4db4-af5c-cc3ae15d93a4";

    [Fact]
    public async Task PostFreeswitchJson_ModJsonCdrSample_CdrRatedChargedAndStoredOnce()
    {
        await using var engine = await FreeSwitchEngine.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://{await HttpEndPointAsync(engine.Process)}") };
        var body = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "data", "freeswitch", "json_cdr_from_mod_json_cdr.json"),
            TestContext.Current.CancellationToken);
        var before = await engine.MonetaryAsync("1001");

        using var first = await PostAsync(http, body);
        var cdr = await engine.DefaultCdrAsync(Uuid);
        var charged = await engine.MonetaryAsync("1001");
        using var retried = await PostAsync(http, body);
        using var malformed = await PostAsync(http, "{\"variables\":{\"uuid\":\"x\",\"billsec\":\"long\"}}"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cost = await engine.TariffCostAsync("1001", "1002", "21s");
        Assert.True(cost > 0);
        Assert.Equal(cost, cdr.GetProperty("Cost").GetDecimal());
        Assert.Equal(Cgrid.Compute(Uuid, "10.0.2.15"), cdr.GetProperty("CGRID").GetString());
        Assert.Equal("freeswitch_json", cdr.GetProperty("Source").GetString());
        Assert.Equal("*prepaid", cdr.GetProperty("RequestType").GetString());
        Assert.Equal("1001", cdr.GetProperty("Account").GetString());
        Assert.Equal("1002", cdr.GetProperty("Destination").GetString());
        Assert.Equal(21_000_000_000, cdr.GetProperty("Usage").GetInt64());
        Assert.Equal("2018-03-14T11:09:27Z", cdr.GetProperty("AnswerTime").GetString());
        Assert.Equal(before - cost, charged);
        // mod_json_cdr retries a post it thinks failed: the second copy is acknowledged, neither charged nor stored.
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(charged, await engine.MonetaryAsync("1001"));
        Assert.Equal(1, (await engine.CallAsync("CDRsV1.GetCDRsCount", $$"""{"OriginIDs":["{{Uuid}}"],"RunIDs":["*default"]}""")).GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("time: invalid duration \"long\"", await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await http.PostAsync("/freeswitch_json", content, TestContext.Current.CancellationToken);
    }

    /// <summary>The HTTP listener's address, as the engine printed it after the JSON-RPC one.</summary>
    private static async Task<string> HttpEndPointAsync(ObolProcess engine)
    {
        const string marker = "listening on ";
        for (var i = 0; i < 200; i++)
        {
            var line = engine.Stderr.Split('\n').FirstOrDefault(l => l.StartsWith(marker, StringComparison.Ordinal) && l.Contains("(HTTP", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[marker.Length..].Split(' ')[0];
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The engine never printed its HTTP address: {engine.Stderr}");
    }
}
