using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Api;

/// <summary>APIerSv1.GetDataCost (the console's <c>datacost</c>): a <c>*data</c> session's cost for its usage so far.</summary>
public sealed partial class ApierService
{
    private void RegisterDataCost(JsonRpcDispatcher dispatcher) =>
        dispatcher.Add<AttrGetDataCost, DataCostWire>("APIerSv1.GetDataCost", (a, _) => ValueTask.FromResult(GetDataCost(a)));

    /// <summary>
    /// As CGRateS builds it: no destination (so only rates for any destination apply), ToR <c>*data</c>, from AnswerTime
    /// for Usage; the CallCost as a DataCost, each span from DataStart to DataEnd in units of usage.
    /// </summary>
    private RpcResult<DataCostWire> GetDataCost(AttrGetDataCost args)
    {
        if (!GoTime.TryParse(args.AnswerTime, defaultZone, clock.GetCurrentInstant(), out var answer))
        {
            return RpcResult.Fail<DataCostWire>($"Unsupported time format: {args.AnswerTime}");
        }
        var call = new CallDescriptor
        {
            Category = args.Category ?? "",
            Tenant = Or(args.Tenant, defaultTenant),
            Subject = args.Subject ?? "",
            TimeStart = answer.ToInstant(),
            TimeEnd = answer.ToInstant() + NodaTime.Duration.FromNanoseconds(args.Usage.Nanoseconds),
            TimeZone = answer.Zone,
            DurationIndex = args.Usage,
            ToR = Meta.Data,
        };
        var (cost, error) = rals.Rating.GetCost(call);
        return error is not null ? RpcResult.Fail<DataCostWire>(ErrorCodes.ServerErrorWith(error)) : DataCostWire.From(cost!);
    }
}

/// <summary>v1.AttrGetDataCost: Usage is a Go duration, nanoseconds on the wire.</summary>
public sealed record AttrGetDataCost
{
    public string? Tenant { get; init; }

    public string? Category { get; init; }

    public string? Subject { get; init; }

    public string? AnswerTime { get; init; }

    public Usage Usage { get; init; }
}

/// <summary>engine.DataCost.</summary>
public sealed record DataCostWire(string Category, string Tenant, string Subject, string Account, string Destination, string ToR, decimal Cost,
    List<DataSpanWire> DataSpans)
{
    public static DataCostWire From(CallCost cc) => new(cc.Category, cc.Tenant, cc.Subject, cc.Account, cc.Destination, cc.ToR, cc.Cost,
        [.. cc.Timespans.Select(DataSpanWire.From)]);
}

/// <summary>engine.DataSpan: the span's place in the usage (DataStart, DataEnd, DataIndex) instead of its times.</summary>
public sealed record DataSpanWire(long DataStart, long DataEnd, decimal Cost, RateIntervalWire? RateInterval, long DataIndex,
    List<DataIncrementWire> Increments, string MatchedSubject, string MatchedPrefix, string MatchedDestId, string RatingPlanId)
{
    public static DataSpanWire From(RatingSpan ts)
    {
        var end = ts.DurationIndex.Nanoseconds;
        var length = (ts.TimeEnd - ts.TimeStart).ToInt64Nanoseconds();
        return new(end - length, end, ts.Cost, RateIntervalWire.From(ts.RateInterval), end,
            [.. ts.Increments.Select(i => new DataIncrementWire(i.Duration.Nanoseconds, i.Cost, DebitInfoWire.From(i.BalanceInfo), i.CompressFactor))],
            ts.MatchedSubject, ts.MatchedPrefix, ts.MatchedDestId, ts.RatingPlanId);
    }
}

/// <summary>engine.DataIncrement.</summary>
public sealed record DataIncrementWire(long Amount, decimal Cost, DebitInfoWire? BalanceInfo, int CompressFactor);
