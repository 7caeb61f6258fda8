using Obol.Api.JsonRpc;
using static Obol.Api.TpRows.TpFields;

namespace Obol.Api.TpRows;

/// <summary>The tables that make rating plans: destination rates and rating plans (apier/v1/tpdestinationrates.go,
/// tpratingplans.go).</summary>
internal static class TpRatingPlanTables
{
    public static void Register(TpRowService service, JsonRpcDispatcher dispatcher)
    {
        service.Add(dispatcher, new DestinationRateTable(), "SetTPDestinationRate", "GetTPDestinationRate", "GetTPDestinationRateIds",
            "RemoveTPDestinationRate", TpRowService.ById);
        service.Add(dispatcher, new RatingPlanTable(), "SetTPRatingPlan", "GetTPRatingPlan", "GetTPRatingPlanIds", "RemoveTPRatingPlan",
            TpRowService.ById);
    }

    private sealed class DestinationRateTable : TpTable<TpDestinationRate>
    {
        public override string FileName => "DestinationRates.csv";

        public override string IdOf(TpDestinationRate item) => item.ID!;

        public override string[] Missing(TpDestinationRate item) => ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)),
            ("ID", string.IsNullOrEmpty(item.ID)), ("DestinationRates", item.DestinationRates is not { Count: > 0 }));

        // Rate is what GetTPDestinationRate never fills: StorDB keeps the rate's ID only.
        public override IEnumerable<string[]> Rows(TpDestinationRate item) => item.DestinationRates!.OfType<TpDestinationRateBinding>()
            .Select(d => new[]
            {
                item.ID!, d.DestinationId ?? "", d.RateId ?? "", d.RoundingMethod ?? "", Int(d.RoundingDecimals), Number(d.MaxCost),
                d.MaxCostStrategy ?? "",
            });

        public override TpDestinationRate Build(string tpId, IReadOnlyList<string[]> rows) =>
            new(tpId, rows[0][0], [.. rows.Select(r => new TpDestinationRateBinding(r[1], r[2], null, r[3], Int(r[4]), Number(r[5]), r[6]))]);
    }

    private sealed class RatingPlanTable : TpTable<TpRatingPlan>
    {
        public override string FileName => "RatingPlans.csv";

        public override string IdOf(TpRatingPlan item) => item.ID!;

        public override string[] Missing(TpRatingPlan item) => ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)),
            ("ID", string.IsNullOrEmpty(item.ID)), ("RatingPlanBindings", item.RatingPlanBindings is not { Count: > 0 }));

        public override IEnumerable<string[]> Rows(TpRatingPlan item) =>
            item.RatingPlanBindings!.OfType<TpRatingPlanBinding>()
                .Select(b => new[] { item.ID!, b.DestinationRatesId ?? "", b.TimingId ?? "", Number(b.Weight) });

        public override TpRatingPlan Build(string tpId, IReadOnlyList<string[]> rows) =>
            new(tpId, rows[0][0], [.. rows.Select(r => new TpRatingPlanBinding(r[1], r[2], Number(r[3])))]);
    }
}

/// <summary>utils.TPDestinationRate.</summary>
public sealed record TpDestinationRate(string? TPid, string? ID, List<TpDestinationRateBinding>? DestinationRates) : ITpRow;

/// <summary>utils.DestinationRate.</summary>
public sealed record TpDestinationRateBinding(string? DestinationId, string? RateId, TpRate? Rate, string? RoundingMethod, int RoundingDecimals,
    decimal MaxCost, string? MaxCostStrategy);

/// <summary>utils.TPRatingPlan.</summary>
public sealed record TpRatingPlan(string? TPid, string? ID, List<TpRatingPlanBinding>? RatingPlanBindings) : ITpRow;

/// <summary>utils.TPRatingPlanBinding.</summary>
public sealed record TpRatingPlanBinding(string? DestinationRatesId, string? TimingId, decimal Weight);
