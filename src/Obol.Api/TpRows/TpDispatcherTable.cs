using System.Globalization;
using System.Text.Json;
using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// DispatcherProfiles.csv (DispatcherProfileMdls.AsTPDispatcherProfiles, APItoModelTPDispatcherProfile): one row per
/// host (one when there is none), the first carrying the profile's fields. Read back, Subsystems and FilterIDs merge
/// as sets, StrategyParameters are appended, and a host takes Weight and Blocker from its first row, its ConnFilterIDs
/// merged as a set and its ConnParameters appended.
/// </summary>
internal sealed class TpDispatcherTable(string defaultTenant) : TpProfileTable<ApiTpDispatcherProfile>(defaultTenant)
{
    public override string FileName => "DispatcherProfiles.csv";

    public override IEnumerable<string[]> Rows(ApiTpDispatcherProfile item)
    {
        var tenant = TenantOf(item);
        string[] Row(ApiTpDispatcherHostProfile? host, bool first) =>
        [
            tenant, item.ID!, first ? List(item.Subsystems) : "", first ? List(item.FilterIDs) : "",
            first ? ActivationText(item.ActivationInterval) : "", first ? item.Strategy ?? "" : "",
            first ? ParamsText(item.StrategyParams) : "", host?.ID ?? "", List(host?.FilterIDs), Number(host?.Weight ?? 0),
            Bool(host?.Blocker ?? false), ParamsText(host?.Params), Number(first ? item.Weight : 0),
        ];
        return item.Hosts is { Count: > 0 } hosts ? hosts.Select((h, i) => Row(h, i == 0)) : [Row(null, true)];
    }

    public override ApiTpDispatcherProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        ApiTpActivationInterval? activation = null;
        List<string>? subsystems = null, filterIds = null;
        List<object?>? strategyParams = null;
        List<ApiTpDispatcherHostProfile>? hosts = null;
        var strategy = "";
        var weight = 0m;
        foreach (var row in rows)
        {
            AddDistinct(ref subsystems, row[2]);
            AddDistinct(ref filterIds, row[3]);
            activation = Activation(row[4]) ?? activation;
            strategy = row[5].Length == 0 ? strategy : row[5];
            if (row[6].Length != 0)
            {
                (strategyParams ??= []).AddRange(row[6].Split(';'));
            }
            if (row[7].Length != 0)
            {
                hosts ??= [];
                var host = hosts.Find(h => h.ID == row[7]);
                if (host is null)
                {
                    // A host's FilterIDs are a set made for it even when no row fills it: an empty list, not null.
                    host = new ApiTpDispatcherHostProfile(row[7], [], Number(row[9]), [], Bool(row[10]));
                    hosts.Add(host);
                }
                var hostFilters = host.FilterIDs;
                AddDistinct(ref hostFilters, row[8]);
                // CGRateS appends every piece, so an empty ConnParameters still adds one "" parameter.
                host.Params!.AddRange(row[11].Split(';'));
            }
            weight = Number(row[12]) is var w && w != 0 ? w : weight;
        }
        return new(tpId, rows[0][0], rows[0][1], subsystems, filterIds, activation, strategy, strategyParams, weight, hosts);
    }

    /// <summary>StrategyParams and host Params as paramsToString joins them; CGRateS expects strings, other JSON
    /// values are written as their JSON text.</summary>
    private static string ParamsText(List<object?>? values) => values is null ? "" : string.Join(';', values.Select(v => v switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement element => element.GetRawText(),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture),
    }));
}

/// <summary>utils.TPDispatcherProfile.</summary>
public sealed record ApiTpDispatcherProfile(string? TPid, string? Tenant, string? ID, List<string>? Subsystems, List<string>? FilterIDs,
    ApiTpActivationInterval? ActivationInterval, string? Strategy, List<object?>? StrategyParams, decimal Weight,
    List<ApiTpDispatcherHostProfile>? Hosts) : ITpProfile;

/// <summary>utils.TPDispatcherHostProfile.</summary>
public sealed record ApiTpDispatcherHostProfile(string? ID, List<string>? FilterIDs, decimal Weight, List<object?>? Params, bool Blocker);
