using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// Attributes.csv (AttributeMdls.AsTPAttributes, APItoModelTPAttribute): one row per attribute, the first carrying
/// the profile's fields, so a profile without Attributes stores no row. Blocker is the first row's; a row with a Path
/// is one attribute.
/// </summary>
internal sealed class TpAttributeTable(string defaultTenant) : TpProfileTable<ApiTpAttributeProfile>(defaultTenant)
{
    public override string FileName => "Attributes.csv";

    public override IEnumerable<string[]> Rows(ApiTpAttributeProfile item)
    {
        var tenant = TenantOf(item);
        return (item.Attributes ?? []).Select((a, i) => new[]
        {
            tenant, item.ID!, i == 0 ? List(item.Contexts) : "", i == 0 ? List(item.FilterIDs) : "",
            i == 0 ? ActivationText(item.ActivationInterval) : "", List(a.FilterIDs), a.Path ?? "", a.Type ?? "", a.Value ?? "",
            Bool(i == 0 && item.Blocker), Number(i == 0 ? item.Weight : 0),
        });
    }

    public override ApiTpAttributeProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        ApiTpActivationInterval? activation = null;
        List<string>? contexts = null, filterIds = null;
        List<ApiTpAttribute>? attributes = null;
        var weight = 0m;
        foreach (var row in rows)
        {
            weight = Number(row[10]) is var w && w != 0 ? w : weight;
            activation = Activation(row[4]) ?? activation;
            AddDistinct(ref filterIds, row[3]);
            AddDistinct(ref contexts, row[2]);
            if (row[6].Length != 0)
            {
                // An attribute's FilterIDs are an empty list, not null, when its row has none.
                (attributes ??= []).Add(new ApiTpAttribute(row[5].Length == 0 ? [] : [.. row[5].Split(';')], row[6], row[7], row[8]));
            }
        }
        return new(tpId, rows[0][0], rows[0][1], filterIds, activation, contexts, attributes, Bool(rows[0][9]), weight);
    }
}

/// <summary>utils.TPAttributeProfile.</summary>
public sealed record ApiTpAttributeProfile(string? TPid, string? Tenant, string? ID, List<string>? FilterIDs,
    ApiTpActivationInterval? ActivationInterval, List<string>? Contexts, List<ApiTpAttribute>? Attributes, bool Blocker,
    decimal Weight) : ITpProfile;

/// <summary>utils.TPAttribute.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "CGRateS's TPAttribute, not a .NET attribute.")]
public sealed record ApiTpAttribute(List<string>? FilterIDs, string? Path, string? Type, string? Value);
