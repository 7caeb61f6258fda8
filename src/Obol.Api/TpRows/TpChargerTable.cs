using Obol.TariffPlans;
using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// Chargers.csv (ChargerMdls.AsTPChargers, APItoModelTPCharger): FilterIDs and AttributeIDs one per row, side by
/// side, in at least one row, the first carrying RunID, Weight and ActivationInterval. AttributeIDs read back are a
/// list even when empty; inline attributes (<c>*constant:*req.X:v</c>) are joined back from their <c>;</c> pieces.
/// </summary>
internal sealed class TpChargerTable(string defaultTenant) : TpProfileTable<ApiTpChargerProfile>(defaultTenant)
{
    public override string FileName => "Chargers.csv";

    public override IEnumerable<string[]> Rows(ApiTpChargerProfile item)
    {
        var tenant = TenantOf(item);
        var filterIds = item.FilterIDs ?? [];
        var attributeIds = item.AttributeIDs ?? [];
        return Enumerable.Range(0, Math.Max(1, Math.Max(filterIds.Count, attributeIds.Count))).Select(i => new[]
        {
            tenant, item.ID!, i < filterIds.Count ? filterIds[i] : "", i == 0 ? ActivationText(item.ActivationInterval) : "",
            i == 0 ? item.RunID ?? "" : "", i < attributeIds.Count ? attributeIds[i] : "", Number(i == 0 ? item.Weight : 0),
        });
    }

    public override ApiTpChargerProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        ApiTpActivationInterval? activation = null;
        List<string>? filterIds = null;
        var attributeIds = new List<string>();
        var runId = "";
        var weight = 0m;
        foreach (var row in rows)
        {
            weight = Number(row[6]) is var w && w != 0 ? w : weight;
            activation = Activation(row[3]) ?? activation;
            AddDistinct(ref filterIds, row[2]);
            runId = row[4].Length == 0 ? runId : row[4];
            if (row[5].Length != 0)
            {
                FieldText.AppendChargerAttributeIds(row[5], attributeIds);
            }
        }
        return new(tpId, rows[0][0], rows[0][1], filterIds, activation, runId, attributeIds, weight);
    }
}

/// <summary>utils.TPChargerProfile.</summary>
public sealed record ApiTpChargerProfile(string? TPid, string? Tenant, string? ID, List<string>? FilterIDs,
    ApiTpActivationInterval? ActivationInterval, string? RunID, List<string>? AttributeIDs, decimal Weight) : ITpProfile;
