using System.Globalization;
using System.Text;

namespace Obol.LoadGenerator;

/// <summary>
/// The JSON-RPC requests the issue's throughput targets are stated for. Each connection's request is built once up
/// to its id, so the generator spends its CPU on sockets, not on formatting.
/// </summary>
internal static class Workloads
{
    public static readonly string[] Names = ["GetCost", "GetAccount", "SetBalance", "Authorize", "Ping"];

    /// <summary>The request of connection <c>index</c> without its closing <c>id</c> value and brace.</summary>
    public static Func<int, byte[]>? For(string name) => name switch
    {
        "GetCost" => _ => Prefix("APIerSv1.GetCost",
            "{\"Tenant\":\"cgrates.org\",\"Category\":\"call\",\"Subject\":\"1001\",\"Destination\":\"1002\",\"AnswerTime\":\"2014-08-04T13:00:00Z\",\"Usage\":\"1m25s\"}"),
        "GetAccount" => _ => Prefix("APIerSv2.GetAccount", "{\"Tenant\":\"cgrates.org\",\"Account\":\"1001\"}"),
        // One account per connection, as many callers change many accounts; every reply is after the commit.
        "SetBalance" => connection => Prefix("APIerSv1.SetBalance", string.Create(CultureInfo.InvariantCulture,
            $"{{\"Tenant\":\"cgrates.org\",\"Account\":\"load{connection}\",\"BalanceType\":\"*monetary\",\"Value\":{connection % 19},\"Balance\":{{\"ID\":\"load\"}}}}")),
        // The lifecycle's first step alone (it changes nothing): AttributeS, ChargerS' two runs and a max-usage dry run.
        "Authorize" => connection => Prefix("SessionSv1.AuthorizeEvent", string.Create(CultureInfo.InvariantCulture,
            $"{{\"GetMaxUsage\":true,\"Tenant\":\"cgrates.org\",\"ID\":\"auth{connection}\",\"Event\":{{\"OriginID\":\"auth-{connection}\",\"OriginHost\":\"10.1.1.1\",\"RequestType\":\"*prepaid\",\"Account\":\"1001\",\"Subject\":\"1001\",\"Destination\":\"1002\",\"Category\":\"call\",\"ToR\":\"*voice\",\"SetupTime\":\"2026-01-05T10:00:00Z\",\"AnswerTime\":\"2026-01-05T10:00:05Z\",\"Usage\":\"30s\"}}}}")),
        // The transport alone: what every request pays before its method runs.
        "Ping" => _ => Prefix("CoreSv1.Ping", "{}"),
        _ => null,
    };

    private static byte[] Prefix(string method, string args) => Encoding.UTF8.GetBytes($"{{\"method\":\"{method}\",\"params\":[{args}],\"id\":");
}
