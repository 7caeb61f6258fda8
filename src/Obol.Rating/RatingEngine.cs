using Obol.Primitives;

namespace Obol.Rating;

/// <summary>The outcome of rating: a call cost, or a CGRateS error string (then the cost is null or carries Cost −1).</summary>
public readonly record struct RatingResult(CallCost? CallCost, string? Error)
{
    public bool IsSuccess => Error is null;
}

/// <summary>
/// Prices calls from tariff-plan data. <see cref="GetCost"/> is <c>Responder.GetCost</c>; <see cref="RateSpans"/>
/// is the shared core (CGRateS getCost) that the account debit prices its balances with.
/// </summary>
public sealed class RatingEngine
{
    [ThreadStatic]
    private static List<RatingInfo>? t_infos;

    [ThreadStatic]
    private static List<RatingSpan>? t_spans;

    private readonly RatingPlanLookup _lookup;

    public RatingEngine(IRatingDataSource data, RatingOptions options)
    {
        Data = data;
        Options = options;
        _lookup = new RatingPlanLookup(options);
    }

    /// <summary>The rating data; a <see cref="RatingDataHolder"/> is read once per call so a reload never mixes plans.</summary>
    public IRatingDataSource Data { get; }

    private IRatingDataSource Snapshot => Data is RatingDataHolder holder ? holder.Current : Data;

    public RatingOptions Options { get; }

    /// <summary>
    /// Rates the call and reports it as <c>APIerSv1.GetCost</c> does: the connect fee is a zero-usage first increment
    /// (for LoopIndex 0), <c>*free</c> caps the cost, and the total is rounded with the longest rating rounding
    /// (CGRateS parity: CallDescriptor.GetCost).
    /// </summary>
    public RatingResult GetCost(CallDescriptor cd)
    {
        var result = RateSpans(cd);
        if (!result.IsSuccess || cd.Duration.Nanoseconds == 0)
        {
            return result;
        }
        var cc = result.CallCost!;
        decimal cost = 0;
        var g = Options.RoundingDecimals;
        for (var i = 0; i < cc.Timespans.Count; i++)
        {
            var ts = cc.Timespans[i];
            if (cd.LoopIndex == 0 && i == 0 && ts.RateInterval is { } first)
            {
                var withFee = new Increment[ts.Increments.Length + 1];
                withFee[0] = new Increment(Usage.Zero, first.Rating.ConnectFee, 1);
                ts.Increments.CopyTo(withFee, 1);
                ts.Increments = withFee;
            }
            ts.Cost = ts.CalculateCost(g);
            cost += ts.Cost;
            // CGRateS parity: MaxCostSoFar accumulates the running total at every span (a sum of sums).
            cd.MaxCostSoFar += cost;
            if (ts.RateInterval?.Rating is { MaxCost: > 0, MaxCostStrategy: Meta.MaxCostFree } rating && cd.MaxCostSoFar >= rating.MaxCost)
            {
                cost = rating.MaxCost;
                cd.MaxCostSoFar = rating.MaxCost;
            }
        }
        var (decimals, method) = cc.LongestRounding();
        cc.Cost = Rounding.Round(cost, decimals, method);
        return result;
    }

    /// <summary>
    /// What <c>APIerSv1.GetCost</c> answers: <see cref="GetCost"/> reported as a computed <see cref="EventCost"/>, whose
    /// Cost is recomputed from the increments and so never shows the rating-level rounding (rating-semantics.md §6.6).
    /// </summary>
    public (EventCost? Cost, string? Error) GetEventCost(CallDescriptor cd, Func<string>? newId = null)
    {
        var result = GetCost(cd);
        return result.IsSuccess
            ? (EventCostBuilder.FromCallCost(result.CallCost!, "", "", Options.RoundingDecimals, newId), null)
            : (null, result.Error);
    }

    /// <summary>
    /// Splits and prices the call: spans with compressed increments, cost = Σ spans + the first span's connect fee
    /// (LoopIndex 0), rounded with the longest rating rounding (CGRateS parity: CallDescriptor.getCost).
    /// </summary>
    public RatingResult RateSpans(CallDescriptor cd)
    {
        var infos = t_infos ??= new List<RatingInfo>(4);
        if (cd.Duration.Nanoseconds == 0)
        {
            var empty = NewCallCost(cd, new List<RatingSpan>(1));
            if (_lookup.Load(Snapshot, cd, infos) is null && infos.Count > 0)
            {
                var ts = new RatingSpan { TimeStart = cd.TimeStart, TimeEnd = cd.TimeEnd };
                ts.SetRatingInfo(infos[0]);
                empty.Timespans.Add(ts);
            }
            return new RatingResult(empty, null);
        }
        if (cd.DurationIndex < cd.Duration)
        {
            cd.DurationIndex = cd.Duration;
        }
        if (cd.ToR.Length == 0)
        {
            cd.ToR = Meta.Voice;
        }
        var error = _lookup.Load(Snapshot, cd, infos);
        if (error is not null)
        {
            return new RatingResult(new CallCost { Cost = -1 }, error);
        }
        var spans = t_spans ??= new List<RatingSpan>(8);
        TimeSpanSplitter.Split(cd, infos, spans);
        var g = Options.RoundingDecimals;
        decimal cost = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var ts = spans[i];
            CreateIncrements(ts);
            if (cd.LoopIndex == 0 && i == 0 && ts.RateInterval is { } first)
            {
                cost += first.Rating.ConnectFee;
            }
            cost += ts.CalculateCost(g);
        }
        // The scratch list is reused by the next call: the call cost gets its own copy, compressed.
        var cc = NewCallCost(cd, SpanOperations.Compress(new List<RatingSpan>(spans)));
        spans.Clear();
        var (decimals, method) = cc.LongestRounding();
        cc.Cost = Rounding.Round(cost, decimals, method);
        return new RatingResult(cc, null);
    }

    /// <summary>n = ⌊duration / increment⌋ increments, each Round(span cost / n) (CGRateS parity: createIncrementsSlice),
    /// built directly in compressed form.</summary>
    private void CreateIncrements(RatingSpan ts)
    {
        if (ts.RateInterval?.Rating.SlotAt(ts.GroupStart) is not { } slot)
        {
            return;
        }
        var increment = slot.IncrementOrDefault();
        var count = ts.Duration.Nanoseconds / increment.Nanoseconds;
        if (count <= 0 || count > Options.MaxIncrements)
        {
            ts.Increments = [];
            return;
        }
        var g = Options.RoundingDecimals;
        var incrementCost = Rounding.Round(ts.CalculateCost(g) / count, g, RoundingMethod.Middle);
        ts.Increments = [new Increment(increment, incrementCost, (int)count)];
        ts.Cost = incrementCost * count;
    }

    /// <summary>An empty CallCost for the descriptor (CGRateS parity: CreateCallCost).</summary>
    public static CallCost NewCallCost(CallDescriptor cd, List<RatingSpan> spans) => new()
    {
        Category = cd.Category,
        Tenant = cd.Tenant,
        Subject = cd.Subject,
        Account = cd.Account,
        Destination = cd.Destination,
        ToR = cd.ToR,
        TimeZone = cd.TimeZone,
        DeductConnectFee = cd.LoopIndex == 0,
        Timespans = spans,
    };
}
