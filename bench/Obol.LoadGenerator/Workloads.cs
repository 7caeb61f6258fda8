using System.Globalization;
using System.Text;

namespace Obol.LoadGenerator;

/// <summary>
/// The JSON-RPC requests the issue's throughput targets are stated for. Each connection's request is built once up
/// to its id, so the generator spends its CPU on sockets, not on formatting.
/// </summary>
internal static class Workloads
{
    public static readonly string[] Names = ["GetCost", "GetAccount", "SetBalance", "Ping"];

    /// <summary>The request of connection <c>index</c> without its closing <c>id</c> value and brace.</summary>
    public static Func<int, byte[]>? For(string name) => name switch
    {
        "GetCost" => _ => Prefix("APIerSv1.GetCost",
            "{\"Tenant\":\"cgrates.org\",\"Category\":\"call\",\"Subject\":\"1001\",\"Destination\":\"1002\",\"AnswerTime\":\"2014-08-04T13:00:00Z\",\"Usage\":\"1m25s\"}"),
        "GetAccount" => _ => Prefix("APIerSv2.GetAccount", "{\"Tenant\":\"cgrates.org\",\"Account\":\"1001\"}"),
        // One account per connection, as many callers change many accounts; every reply is after the commit.
        "SetBalance" => connection => Prefix("APIerSv1.SetBalance", string.Create(CultureInfo.InvariantCulture,
            $"{{\"Tenant\":\"cgrates.org\",\"Account\":\"load{connection}\",\"BalanceType\":\"*monetary\",\"Value\":{connection % 19},\"Balance\":{{\"ID\":\"load\"}}}}")),
        // The transport alone: what every request pays before its method runs.
        "Ping" => _ => Prefix("CoreSv1.Ping", "{}"),
        _ => null,
    };

    private static byte[] Prefix(string method, string args) => Encoding.UTF8.GetBytes($"{{\"method\":\"{method}\",\"params\":[{args}],\"id\":");
}
