using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// IPs.csv (IPMdls.AsTPIPs, APItoModelIP): one row per pool (one when there is none), the first carrying FilterIDs,
/// ActivationInterval, TTL and Weight, every row Stored. Read back, a non-empty TTL or ActivationInterval and a non-zero
/// Weight of a later row replace the earlier ones, Stored holds once a row sets it, FilterIDs merge as a set. Rows of
/// one PoolID and the same set of PoolFilterIDs make one pool, which takes its other fields from its first row and
/// appends the PoolFilterIDs of all. Like CGRateS, a Set checks none of the values; the loader does when the plan is
/// loaded.
/// </summary>
internal sealed class TpIpTable(string defaultTenant) : TpProfileTable<ApiTpIpProfile>(defaultTenant)
{
    public override string FileName => "IPs.csv";

    public override IEnumerable<string[]> Rows(ApiTpIpProfile item)
    {
        var tenant = TenantOf(item);
        string[] Row(ApiTpIpPool? pool, bool first) =>
        [
            tenant, item.ID!, first ? List(item.FilterIDs) : "", first ? ActivationText(item.ActivationInterval) : "",
            first ? item.TTL ?? "" : "", Bool(item.Stored), Number(first ? item.Weight : 0), pool?.ID ?? "", List(pool?.FilterIDs),
            pool?.Type ?? "", pool?.Range ?? "", pool?.Strategy ?? "", pool?.Message ?? "", Number(pool?.Weight ?? 0),
            Bool(pool?.Blocker ?? false),
        ];
        return item.Pools is { Count: > 0 } pools ? pools.Select((p, i) => Row(p, i == 0)) : [Row(null, true)];
    }

    public override ApiTpIpProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        ApiTpActivationInterval? activation = null;
        List<string>? filterIds = null;
        List<ApiTpIpPool>? pools = null;
        var keys = new List<string>();
        var ttl = "";
        var weight = 0m;
        var stored = false;
        foreach (var row in rows)
        {
            if (row[7].Length != 0)
            {
                pools ??= [];
                var key = PoolKey(row[7], row[8]);
                var index = keys.IndexOf(key);
                if (index < 0)
                {
                    index = pools.Count;
                    keys.Add(key);
                    pools.Add(new ApiTpIpPool(row[7], null, row[9], row[10], row[11], row[12], Number(row[13]), Bool(row[14])));
                }
                var poolFilterIds = pools[index].FilterIDs;
                AddAll(ref poolFilterIds, row[8]);
                pools[index] = pools[index] with { FilterIDs = poolFilterIds };
            }
            AddDistinct(ref filterIds, row[2]);
            activation = Activation(row[3]) ?? activation;
            ttl = row[4].Length == 0 ? ttl : row[4];
            stored |= Bool(row[5]);
            weight = Number(row[6]) is var w && w != 0 ? w : weight;
        }
        return new(tpId, rows[0][0], rows[0][1], filterIds, activation, ttl, stored, weight, pools);
    }

    // CGRateS keys a pool by its ID and the hash of its PoolFilterIDs as a set: order and repeats do not matter.
    private static string PoolKey(string poolId, string filterIds) =>
        filterIds.Length == 0 ? poolId : poolId + "\n" + string.Join(';', filterIds.Split(';').Distinct().Order(StringComparer.Ordinal));
}

/// <summary>utils.TPIPProfile.</summary>
public sealed record ApiTpIpProfile(string? TPid, string? Tenant, string? ID, List<string>? FilterIDs,
    ApiTpActivationInterval? ActivationInterval, string? TTL, bool Stored, decimal Weight, List<ApiTpIpPool>? Pools) : ITpProfile;

/// <summary>utils.TPIPPool.</summary>
public sealed record ApiTpIpPool(string? ID, List<string>? FilterIDs, string? Type, string? Range, string? Strategy, string? Message,
    decimal Weight, bool Blocker);
