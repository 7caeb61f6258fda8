using Obol.Primitives;
using static Obol.Api.TpRows.TpFields;

namespace Obol.Api.TpRows;

/// <summary>
/// DispatcherHosts.csv (DispatcherHostMdls.AsTPDispatcherHosts, APItoModelTPDispatcherHost): one row per host, its
/// durations written as Go prints a time.Duration (<c>1m0s</c>) and read back as nanoseconds. Read back, an empty
/// Transport is <c>*json</c>, and of several rows of one host the last with an Address counts.
/// </summary>
internal sealed class TpDispatcherHostTable(string defaultTenant) : TpProfileTable<ApiTpDispatcherHost>(defaultTenant)
{
    private const string DefaultTransport = "*json";

    public override string FileName => "DispatcherHosts.csv";

    // CGRateS dereferences Conn without a check; a missing one is refused here instead.
    public override string[] Missing(ApiTpDispatcherHost item) => ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)),
        ("ID", string.IsNullOrEmpty(item.ID)), ("Conn", item.Conn is null));

    public override IEnumerable<string[]> Rows(ApiTpDispatcherHost item)
    {
        var conn = item.Conn!;
        return
        [
            [
                TenantOf(item), item.ID!, conn.Address ?? "", conn.Transport ?? "", Int(conn.ConnectAttempts), Int(conn.Reconnects),
                Duration(conn.MaxReconnectInterval), Duration(conn.ConnectTimeout), Duration(conn.ReplyTimeout), Bool(conn.TLS),
                conn.ClientKey ?? "", conn.ClientCertificate ?? "", conn.CaCertificate ?? "",
            ],
        ];
    }

    public override ApiTpDispatcherHost Build(string tpId, IReadOnlyList<string[]> rows)
    {
        var row = rows.LastOrDefault(r => r[2].Length != 0) ?? rows[^1];
        var conn = new ApiTpDispatcherHostConn(row[2], row[3].Length == 0 ? DefaultTransport : row[3], Int(row[4]), Int(row[5]),
            Nanoseconds(row[6]), Nanoseconds(row[7]), Nanoseconds(row[8]), Bool(row[9]), row[10], row[11], row[12]);
        return new(tpId, row[0], row[1], conn);
    }

    private static string Duration(long nanoseconds) => new Usage(nanoseconds).ToString();

    /// <summary>A duration field as ParseDurationWithNanosecs reads it; empty or unreadable is 0.</summary>
    private static long Nanoseconds(string text) => Usage.TryParse(text, out var usage) ? usage.Nanoseconds : 0;
}

/// <summary>utils.TPDispatcherHost.</summary>
public sealed record ApiTpDispatcherHost(string? TPid, string? Tenant, string? ID, ApiTpDispatcherHostConn? Conn) : ITpProfile;

/// <summary>utils.TPDispatcherHostConn; the durations are Go time.Duration nanoseconds.</summary>
public sealed record ApiTpDispatcherHostConn(string? Address, string? Transport, int ConnectAttempts, int Reconnects,
    long MaxReconnectInterval, long ConnectTimeout, long ReplyTimeout, bool TLS, string? ClientKey, string? ClientCertificate,
    string? CaCertificate);
