using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// Resources.csv (ResourceMdls.AsTPResources, APItoModelResource): one row per filter ID (one when there is none),
/// the first carrying the rest; Blocker and Stored are on every row and the last one's count.
/// </summary>
internal sealed class TpResourceTable(string defaultTenant) : TpProfileTable<ApiTpResourceProfile>(defaultTenant)
{
    public override string FileName => "Resources.csv";

    public override string[] Missing(ApiTpResourceProfile item) => ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)),
        ("ID", string.IsNullOrEmpty(item.ID)), ("Limit", string.IsNullOrEmpty(item.Limit)));

    public override IEnumerable<string[]> Rows(ApiTpResourceProfile item)
    {
        var tenant = TenantOf(item);
        string[] Row(string filterId, bool first) =>
        [
            tenant, item.ID!, filterId, first ? ActivationText(item.ActivationInterval) : "", first ? item.UsageTTL ?? "" : "",
            first ? item.Limit! : "", first ? item.AllocationMessage ?? "" : "", Bool(item.Blocker), Bool(item.Stored),
            Number(first ? item.Weight : 0), first ? List(item.ThresholdIDs) : "",
        ];
        return item.FilterIDs is { Count: > 0 } filterIds ? filterIds.Select((f, i) => Row(f, i == 0)) : [Row("", true)];
    }

    public override ApiTpResourceProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        ApiTpActivationInterval? activation = null;
        List<string>? filterIds = null, thresholdIds = null;
        string ttl = "", limit = "", message = "";
        var weight = 0m;
        foreach (var row in rows)
        {
            AddDistinct(ref filterIds, row[2]);
            activation = Activation(row[3]) ?? activation;
            ttl = row[4].Length == 0 ? ttl : row[4];
            limit = row[5].Length == 0 ? limit : row[5];
            message = row[6].Length == 0 ? message : row[6];
            weight = Number(row[9]) is var w && w != 0 ? w : weight;
            AddDistinct(ref thresholdIds, row[10]);
        }
        var last = rows[^1];
        return new(tpId, rows[0][0], rows[0][1], filterIds, activation, ttl, limit, message, Bool(last[7]), Bool(last[8]), weight,
            thresholdIds);
    }
}

/// <summary>utils.TPResourceProfile.</summary>
public sealed record ApiTpResourceProfile(string? TPid, string? Tenant, string? ID, List<string>? FilterIDs,
    ApiTpActivationInterval? ActivationInterval, string? UsageTTL, string? Limit, string? AllocationMessage, bool Blocker, bool Stored,
    decimal Weight, List<string>? ThresholdIDs) : ITpProfile;
