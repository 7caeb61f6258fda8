using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// Stats.csv (StatMdls.AsTPStats, APItoModelStats): one row per metric, the first carrying the rest, so a profile
/// without Metrics stores no row. Blocker and Stored hold once any row sets them; a metric ID appears once and collects
/// the MetricFilterIDs of its rows.
/// </summary>
internal sealed class TpStatTable(string defaultTenant) : TpProfileTable<ApiTpStatProfile>(defaultTenant)
{
    public override string FileName => "Stats.csv";

    public override IEnumerable<string[]> Rows(ApiTpStatProfile item)
    {
        var tenant = TenantOf(item);
        return (item.Metrics ?? []).Select((m, i) => i == 0
            ? new[]
            {
                tenant, item.ID!, List(item.FilterIDs), ActivationText(item.ActivationInterval), Int(item.QueueLength), item.TTL ?? "",
                Int(item.MinItems), m.MetricID ?? "", List(m.FilterIDs), Bool(item.Stored), Bool(item.Blocker), Number(item.Weight),
                List(item.ThresholdIDs),
            }
            : [tenant, item.ID!, "", "", "0", "", "0", m.MetricID ?? "", List(m.FilterIDs), "false", "false", "0", ""]);
    }

    public override ApiTpStatProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        ApiTpActivationInterval? activation = null;
        List<string>? filterIds = null, thresholdIds = null;
        List<ApiTpMetricWithFilters>? metrics = null;
        int queueLength = 0, minItems = 0;
        var ttl = "";
        bool stored = false, blocker = false;
        var weight = 0m;
        foreach (var row in rows)
        {
            AddDistinct(ref filterIds, row[2]);
            activation = Activation(row[3]) ?? activation;
            queueLength = Int(row[4]) is var q && q != 0 ? q : queueLength;
            ttl = row[5].Length == 0 ? ttl : row[5];
            minItems = Int(row[6]) is var m && m != 0 ? m : minItems;
            foreach (var metricId in row[7].Length == 0 ? [] : row[7].Split(';'))
            {
                metrics ??= [];
                var index = metrics.FindIndex(x => x.MetricID == metricId);
                if (index < 0)
                {
                    index = metrics.Count;
                    metrics.Add(new ApiTpMetricWithFilters(null, metricId));
                }
                var metricFilters = metrics[index].FilterIDs;
                AddAll(ref metricFilters, row[8]);
                metrics[index] = metrics[index] with { FilterIDs = metricFilters };
            }
            stored |= Bool(row[9]);
            blocker |= Bool(row[10]);
            weight = Number(row[11]) is var w && w != 0 ? w : weight;
            AddDistinct(ref thresholdIds, row[12]);
        }
        return new(tpId, rows[0][0], rows[0][1], filterIds, activation, queueLength, ttl, metrics, blocker, stored, weight, minItems,
            thresholdIds);
    }
}

/// <summary>utils.TPStatProfile.</summary>
public sealed record ApiTpStatProfile(string? TPid, string? Tenant, string? ID, List<string>? FilterIDs,
    ApiTpActivationInterval? ActivationInterval, int QueueLength, string? TTL, List<ApiTpMetricWithFilters>? Metrics, bool Blocker,
    bool Stored, decimal Weight, int MinItems, List<string>? ThresholdIDs) : ITpProfile;

/// <summary>utils.MetricWithFilters.</summary>
public sealed record ApiTpMetricWithFilters(List<string>? FilterIDs, string? MetricID);
