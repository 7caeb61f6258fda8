using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// Rankings.csv (RankingsMdls.AsTPRanking, APItoModelTPRanking): one row per StatID (one when there is none), the first
/// carrying the profile's other fields. Read back, a non-empty Schedule or Sorting of a later row replaces the earlier
/// one, Stored holds once a row sets it, and StatIDs, MetricIDs, SortingParameters and ThresholdIDs merge as sets,
/// ThresholdIDs sorted as AsOrderedSlice answers them. Like CGRateS, a Set checks none of the values.
/// </summary>
internal sealed class TpRankingTable(string defaultTenant) : TpProfileTable<ApiTpRankingProfile>(defaultTenant)
{
    public override string FileName => "Rankings.csv";

    public override IEnumerable<string[]> Rows(ApiTpRankingProfile item)
    {
        var tenant = TenantOf(item);
        // APItoModelTPRanking leaves Stored out of the rows of a profile with StatIDs, so it reads back false; the first
        // row carries it here, so the profile reads back as it was set.
        string[] First(string statId) =>
        [
            tenant, item.ID!, item.Schedule ?? "", statId, List(item.MetricIDs), item.Sorting ?? "", List(item.SortingParameters),
            Bool(item.Stored), List(item.ThresholdIDs),
        ];
        return item.StatIDs is { Count: > 0 } statIds
            ? statIds.Select((s, i) => i == 0 ? First(s) : [tenant, item.ID!, "", s, "", "", "", Bool(false), ""])
            : [First("")];
    }

    public override ApiTpRankingProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        List<string>? statIds = null, metricIds = null, sortingParameters = null, thresholdIds = null;
        string schedule = "", sorting = "";
        var stored = false;
        foreach (var row in rows)
        {
            schedule = row[2].Length == 0 ? schedule : row[2];
            AddDistinct(ref statIds, row[3]);
            AddDistinct(ref metricIds, row[4]);
            sorting = row[5].Length == 0 ? sorting : row[5];
            AddDistinct(ref sortingParameters, row[6]);
            stored |= Bool(row[7]);
            AddDistinct(ref thresholdIds, row[8]);
        }
        thresholdIds?.Sort(StringComparer.Ordinal);
        return new(tpId, rows[0][0], rows[0][1], schedule, statIds, metricIds, sorting, sortingParameters, stored, thresholdIds);
    }
}

/// <summary>utils.TPRankingProfile.</summary>
public sealed record ApiTpRankingProfile(string? TPid, string? Tenant, string? ID, string? Schedule, List<string>? StatIDs,
    List<string>? MetricIDs, string? Sorting, List<string>? SortingParameters, bool Stored, List<string>? ThresholdIDs) : ITpProfile;
