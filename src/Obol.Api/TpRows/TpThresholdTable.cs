using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// Thresholds.csv (ThresholdMdls.AsTPThreshold, APItoModelTPThreshold): FilterIDs and ActionIDs one per row, side by
/// side, the first row carrying the rest, so a profile without ActionIDs stores no row. Blocker, MaxHits, MinHits,
/// MinSleep and Async are the first row's.
/// </summary>
internal sealed class TpThresholdTable(string defaultTenant) : TpProfileTable<ApiTpThresholdProfile>(defaultTenant)
{
    public override string FileName => "Thresholds.csv";

    public override IEnumerable<string[]> Rows(ApiTpThresholdProfile item)
    {
        if (item.ActionIDs is not { Count: > 0 } actionIds)
        {
            return [];
        }
        var tenant = TenantOf(item);
        var filterIds = item.FilterIDs ?? [];
        // CGRateS writes EeIDs only on a first row that pairs a filter with an action: without FilterIDs they are lost.
        var eeIds = filterIds.Count > 0 ? List(item.EeIDs) : "";
        return Enumerable.Range(0, Math.Max(filterIds.Count, actionIds.Count)).Select(i =>
        {
            var filterId = i < filterIds.Count ? filterIds[i] : "";
            var actionId = i < actionIds.Count ? actionIds[i] : "";
            return i == 0
                ? new[]
                {
                    tenant, item.ID!, filterId, ActivationText(item.ActivationInterval), Int(item.MaxHits), Int(item.MinHits),
                    item.MinSleep ?? "", Bool(item.Blocker), Number(item.Weight), actionId, Bool(item.Async), eeIds,
                }
                : [tenant, item.ID!, filterId, "", "0", "0", "", "false", "0", actionId, "false", ""];
        });
    }

    public override ApiTpThresholdProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        ApiTpActivationInterval? activation = null;
        List<string>? filterIds = null, actionIds = null, eeIds = null;
        var weight = 0m;
        foreach (var row in rows)
        {
            AddDistinct(ref filterIds, row[2]);
            activation = Activation(row[3]) ?? activation;
            weight = Number(row[8]) is var w && w != 0 ? w : weight;
            AddDistinct(ref actionIds, row[9]);
            AddDistinct(ref eeIds, row[11]);
        }
        var first = rows[0];
        return new(tpId, first[0], first[1], filterIds, activation, Int(first[4]), Int(first[5]), first[6], Bool(first[7]), weight,
            actionIds, eeIds, Bool(first[10]));
    }
}

/// <summary>utils.TPThresholdProfile.</summary>
public sealed record ApiTpThresholdProfile(string? TPid, string? Tenant, string? ID, List<string>? FilterIDs,
    ApiTpActivationInterval? ActivationInterval, int MaxHits, int MinHits, string? MinSleep, bool Blocker, decimal Weight,
    List<string>? ActionIDs, List<string>? EeIDs, bool Async) : ITpProfile;
