using Obol.TariffPlans;
using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// Filters.csv (TpFilterS.AsTPFilter, APItoModelTPFilter): one row per rule, each carrying the profile's
/// ActivationInterval; rows of the same Type and Element merge into one rule, their Values appended.
/// </summary>
internal sealed class TpFilterTable(string defaultTenant) : TpProfileTable<ApiTpFilterProfile>(defaultTenant)
{
    public override string FileName => "Filters.csv";

    public override IEnumerable<string[]> Rows(ApiTpFilterProfile item)
    {
        var tenant = TenantOf(item);
        var activation = ActivationText(item.ActivationInterval);
        return (item.Filters ?? []).Select(f => new[] { tenant, item.ID!, f.Type ?? "", f.Element ?? "", List(f.Values), activation });
    }

    public override ApiTpFilterProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        ApiTpActivationInterval? activation = null;
        List<ApiTpFilter>? filters = null;
        foreach (var row in rows)
        {
            activation = Activation(row[5]) ?? activation;
            if (row[2].Length == 0)
            {
                continue;
            }
            List<string>? values = row[4].Length == 0 ? null : [.. FieldText.SplitFilterValues(row[4], FieldText.ListSeparator)];
            var same = filters?.FindIndex(f => f.Type == row[2] && f.Element == row[3]) ?? -1;
            if (same < 0)
            {
                (filters ??= []).Add(new ApiTpFilter(row[2], row[3], values));
            }
            else if (values is not null)
            {
                filters![same] = filters[same] with { Values = [.. filters[same].Values ?? [], .. values] };
            }
        }
        return new(tpId, rows[0][0], rows[0][1], filters, activation);
    }
}

/// <summary>utils.TPFilterProfile.</summary>
public sealed record ApiTpFilterProfile(string? TPid, string? Tenant, string? ID, List<ApiTpFilter>? Filters,
    ApiTpActivationInterval? ActivationInterval) : ITpProfile;

/// <summary>utils.TPFilter.</summary>
public sealed record ApiTpFilter(string? Type, string? Element, List<string>? Values);
