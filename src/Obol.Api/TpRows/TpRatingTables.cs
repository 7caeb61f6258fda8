using Obol.Api.JsonRpc;
using static Obol.Api.TpRows.TpFields;

namespace Obol.Api.TpRows;

/// <summary>The rating tables' row methods: destinations, timings, rates (apier/v1/tpdestinations.go, tptimings.go,
/// tprates.go).</summary>
internal static class TpRatingTables
{
    public static void Register(TpRowService service, JsonRpcDispatcher dispatcher)
    {
        var destinations = new DestinationTable();
        service.Add(dispatcher, destinations, "SetTPDestination", "GetTPDestination", "GetTPDestinationIDs", "RemoveTPDestination", TpRowService.ById);
        // APIerSv2 defines these three itself; its Get and Remove name the ID Tag.
        service.AddSet(dispatcher, destinations, "APIerSv2.SetTPDestination");
        service.AddGet(dispatcher, destinations, "APIerSv2.GetTPDestination", TpRowService.ByTag);
        service.AddRemove(dispatcher, destinations, "APIerSv2.RemoveTPDestination", TpRowService.ByTag);
        service.Add(dispatcher, new TimingTable(), "SetTPTiming", "GetTPTiming", "GetTPTimingIds", "RemoveTPTiming", TpRowService.ById);
        service.Add(dispatcher, new RateTable(), "SetTPRate", "GetTPRate", "GetTPRateIds", "RemoveTPRate", TpRowService.ById);
    }

    private sealed class DestinationTable : TpTable<TpDestination>
    {
        public override string FileName => "Destinations.csv";

        public override string IdOf(TpDestination item) => item.ID!;

        public override string[] Missing(TpDestination item) =>
            ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)), ("ID", string.IsNullOrEmpty(item.ID)), ("Prefixes", item.Prefixes is not { Count: > 0 }));

        public override IEnumerable<string[]> Rows(TpDestination item) => item.Prefixes!.Select(p => new[] { item.ID!, p });

        public override TpDestination Build(string tpId, IReadOnlyList<string[]> rows) => new(tpId, rows[0][0], [.. rows.Select(r => r[1])]);
    }

    private sealed class TimingTable : TpTable<TpTiming>
    {
        public override string FileName => "Timings.csv";

        public override string IdOf(TpTiming item) => item.ID!;

        public override string[] Missing(TpTiming item) => ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)), ("ID", string.IsNullOrEmpty(item.ID)),
            ("Years", string.IsNullOrEmpty(item.Years)), ("Months", string.IsNullOrEmpty(item.Months)), ("MonthDays", string.IsNullOrEmpty(item.MonthDays)),
            ("WeekDays", string.IsNullOrEmpty(item.WeekDays)), ("Time", string.IsNullOrEmpty(item.Time)));

        public override IEnumerable<string[]> Rows(TpTiming item) => [[item.ID!, item.Years!, item.Months!, item.MonthDays!, item.WeekDays!, item.Time!]];

        // One row per timing; a file with the ID twice gives the last, as loading it does.
        public override TpTiming Build(string tpId, IReadOnlyList<string[]> rows) =>
            rows[^1] is var r ? new(tpId, r[0], r[1], r[2], r[3], r[4], r[5]) : throw new InvalidOperationException();
    }

    private sealed class RateTable : TpTable<TpRate>
    {
        public override string FileName => "Rates.csv";

        public override string IdOf(TpRate item) => item.ID!;

        public override string[] Missing(TpRate item) =>
            ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)), ("ID", string.IsNullOrEmpty(item.ID)), ("RateSlots", item.RateSlots is not { Count: > 0 }));

        public override IEnumerable<string[]> Rows(TpRate item) => item.RateSlots!.Select(s => new[]
        {
            item.ID!, Number(s.ConnectFee), Number(s.Rate), s.RateUnit ?? "", s.RateIncrement ?? "", s.GroupIntervalStart ?? "",
        });

        public override TpRate Build(string tpId, IReadOnlyList<string[]> rows) =>
            new(tpId, rows[0][0], [.. rows.Select(r => new TpRateSlot(Number(r[1]), Number(r[2]), r[3], r[4], r[5]))]);
    }
}

/// <summary>utils.TPDestination.</summary>
public sealed record TpDestination(string? TPid, string? ID, List<string>? Prefixes) : ITpRow;

/// <summary>utils.ApierTPTiming.</summary>
public sealed record TpTiming(string? TPid, string? ID, string? Years, string? Months, string? MonthDays, string? WeekDays, string? Time) : ITpRow;

/// <summary>utils.TPRateRALs.</summary>
public sealed record TpRate(string? TPid, string? ID, List<TpRateSlot>? RateSlots) : ITpRow;

/// <summary>utils.RateSlot.</summary>
public sealed record TpRateSlot(decimal ConnectFee, decimal Rate, string? RateUnit, string? RateIncrement, string? GroupIntervalStart);
