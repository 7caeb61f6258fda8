using System.Globalization;
using System.Text;

namespace Obol.LoadGenerator;

/// <summary>The JSON-RPC requests the issue's throughput targets are stated for, one body per request id.</summary>
internal static class Workloads
{
    public static readonly string[] Names = ["GetCost", "GetAccount", "SetBalance", "Ping"];

    public static Func<int, long, byte[]>? For(string name) => name switch
    {
        "GetCost" => (_, id) => Request("APIerSv1.GetCost",
            "{\"Tenant\":\"cgrates.org\",\"Category\":\"call\",\"Subject\":\"1001\",\"Destination\":\"1002\",\"AnswerTime\":\"2014-08-04T13:00:00Z\",\"Usage\":\"1m25s\"}", id),
        "GetAccount" => (_, id) => Request("APIerSv2.GetAccount", "{\"Tenant\":\"cgrates.org\",\"Account\":\"1001\"}", id),
        // One account per connection, as many callers change many accounts; every reply is after the commit.
        "SetBalance" => (connection, id) => Request("APIerSv1.SetBalance", string.Create(CultureInfo.InvariantCulture,
            $"{{\"Tenant\":\"cgrates.org\",\"Account\":\"load{connection}\",\"BalanceType\":\"*monetary\",\"Value\":{id % 1000},\"Balance\":{{\"ID\":\"load\"}}}}"), id),
        // The transport alone: what every request pays before its method runs.
        "Ping" => (_, id) => Request("CoreSv1.Ping", "{}", id),
        _ => null,
    };

    private static byte[] Request(string method, string args, long id) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"method\":\"{method}\",\"params\":[{args}],\"id\":{id}}}"));
}
