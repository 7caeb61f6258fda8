using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// Trends.csv (TrendsMdls.AsTPTrends, APItoModelTrends): one row per profile. Read back, a non-empty Schedule, StatID,
/// TTL or CorrelationType and a non-zero QueueLength, MinItems or Tolerance of a later row replace the earlier ones,
/// Stored holds once a row sets it, and Metrics and ThresholdIDs merge as sets. TTL is the text as given (<c>-1</c>:
/// no TTL); like CGRateS, a Set checks none of the values, the loader does when the plan is loaded.
/// </summary>
internal sealed class TpTrendTable(string defaultTenant) : TpProfileTable<ApiTpTrendsProfile>(defaultTenant)
{
    public override string FileName => "Trends.csv";

    public override IEnumerable<string[]> Rows(ApiTpTrendsProfile item) =>
    [
        [
            TenantOf(item), item.ID!, item.Schedule ?? "", item.StatID ?? "", List(item.Metrics), item.TTL ?? "", Int(item.QueueLength),
            Int(item.MinItems), item.CorrelationType ?? "", Number(item.Tolerance), Bool(item.Stored), List(item.ThresholdIDs),
        ],
    ];

    public override ApiTpTrendsProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        List<string>? metrics = null, thresholdIds = null;
        string schedule = "", statId = "", ttl = "", correlationType = "";
        int queueLength = 0, minItems = 0;
        var tolerance = 0m;
        var stored = false;
        foreach (var row in rows)
        {
            schedule = row[2].Length == 0 ? schedule : row[2];
            statId = row[3].Length == 0 ? statId : row[3];
            AddDistinct(ref metrics, row[4]);
            ttl = row[5].Length == 0 ? ttl : row[5];
            queueLength = Int(row[6]) is var q && q != 0 ? q : queueLength;
            minItems = Int(row[7]) is var m && m != 0 ? m : minItems;
            correlationType = row[8].Length == 0 ? correlationType : row[8];
            tolerance = Number(row[9]) is var t && t != 0 ? t : tolerance;
            stored |= Bool(row[10]);
            AddDistinct(ref thresholdIds, row[11]);
        }
        return new(tpId, rows[0][0], rows[0][1], schedule, statId, metrics, ttl, queueLength, minItems, correlationType, tolerance, stored,
            thresholdIds);
    }
}

/// <summary>utils.TPTrendsProfile.</summary>
public sealed record ApiTpTrendsProfile(string? TPid, string? Tenant, string? ID, string? Schedule, string? StatID, List<string>? Metrics,
    string? TTL, int QueueLength, int MinItems, string? CorrelationType, decimal Tolerance, bool Stored, List<string>? ThresholdIDs)
    : ITpProfile;
