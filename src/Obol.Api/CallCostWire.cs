using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Api;

/// <summary>engine.CallCost as Go marshals it (field order is the struct's): Responder replies and increments given back.</summary>
public sealed record CallCostWire(string Category, string Tenant, string Subject, string Account, string Destination, string ToR, decimal Cost,
    List<TimeSpanWire>? Timespans, decimal RatedUsage, AccountSummary? AccountSummary)
{
    public static CallCostWire From(CallCost cc) => new(cc.Category, cc.Tenant, cc.Subject, cc.Account, cc.Destination, cc.ToR, cc.Cost,
        cc.Timespans.Count == 0 ? null : [.. cc.Timespans.Select(ts => TimeSpanWire.From(ts, cc.TimeZone))], cc.RatedUsage.Nanoseconds, cc.AccountSummary);

    /// <summary>Reads a CallCost back whole (rate intervals and which balances paid), as a session's journal stores it.</summary>
    public CallCost ToCallCost() => new()
    {
        Category = Category, Tenant = Tenant, Subject = Subject, Account = Account, Destination = Destination, ToR = ToR, Cost = Cost,
        Timespans = [.. (Timespans ?? []).Select(t => t.ToRatingSpan())], AccountSummary = AccountSummary,
    };
}

/// <summary>engine.TimeSpan.</summary>
public sealed record TimeSpanWire(OffsetDateTime TimeStart, OffsetDateTime TimeEnd, decimal Cost, RateIntervalWire? RateInterval, Usage DurationIndex,
    List<IncrementWire>? Increments, IncrementWire? RoundIncrement, string MatchedSubject, string MatchedPrefix, string MatchedDestId,
    string RatingPlanId, int CompressFactor)
{
    public static TimeSpanWire From(RatingSpan ts, DateTimeZone zone) => new(
        ts.TimeStart.InZone(zone).ToOffsetDateTime(), ts.TimeEnd.InZone(zone).ToOffsetDateTime(), ts.Cost, RateIntervalWire.From(ts.RateInterval),
        ts.DurationIndex, ts.Increments.Length == 0 ? null : [.. ts.Increments.Select(IncrementWire.From)],
        ts.RoundIncrement is { } round ? IncrementWire.From(round) : null, ts.MatchedSubject, ts.MatchedPrefix, ts.MatchedDestId, ts.RatingPlanId,
        ts.CompressFactor);

    public RatingSpan ToRatingSpan()
    {
        var span = new RatingSpan
        {
            TimeStart = TimeStart.ToInstant(),
            TimeEnd = TimeEnd.ToInstant(),
            Cost = Cost,
            RateInterval = RateInterval?.ToRateInterval(),
            DurationIndex = DurationIndex,
            Increments = [.. (Increments ?? []).Select(i => i.ToIncrement(keepRateInterval: true))],
            RoundIncrement = RoundIncrement?.ToIncrement(keepRateInterval: true),
            CompressFactor = Math.Max(1, CompressFactor),
        };
        span.SetRatingIdentity(MatchedSubject ?? "", MatchedPrefix ?? "", MatchedDestId ?? "", RatingPlanId ?? "");
        return span;
    }
}

/// <summary>engine.Increment; <see cref="ToIncrement"/> reads one back for RefundIncrements.</summary>
public sealed record IncrementWire(Usage Duration, decimal Cost, DebitInfoWire? BalanceInfo, int CompressFactor)
{
    public static IncrementWire From(Increment i) => new(i.Duration, i.Cost, DebitInfoWire.From(i.BalanceInfo), i.CompressFactor);

    public Increment ToIncrement(bool keepRateInterval = false) =>
        new(Duration, Cost, Math.Max(1, CompressFactor), BalanceInfo?.ToDebitInfo(keepRateInterval));
}

/// <summary>engine.DebitInfo: which balance paid.</summary>
public sealed record DebitInfoWire(UnitInfoWire? Unit, MonetaryInfoWire? Monetary, string AccountID)
{
    public static DebitInfoWire? From(DebitInfo? info) => info is null
        ? null
        : new(info.Unit is { } u ? new UnitInfoWire(u.Uuid, u.Id, 0, u.DestinationId, u.Consumed, u.Factor, u.Category, u.ToR, RateIntervalWire.From(u.RateInterval)) : null,
            info.Monetary is { } m ? new MonetaryInfoWire(m.Uuid, m.Id, 0, RateIntervalWire.From(m.RateInterval)) : null, info.AccountId);

    /// <summary>Refunds go by balance UUID and amount, so the rate interval is kept only when asked (a journal's full copy).</summary>
    public DebitInfo ToDebitInfo(bool keepRateInterval = false) => new(
        Unit is { } u ? new UnitDebit(u.UUID ?? "", u.ID ?? "", u.DestinationID ?? "", u.Consumed, u.Factor, u.Category ?? "", u.ToR ?? "",
            keepRateInterval ? u.RateInterval?.ToRateInterval() : null) : null,
        Monetary is { } m ? new MonetaryDebit(m.UUID ?? "", m.ID ?? "", keepRateInterval ? m.RateInterval?.ToRateInterval() : null) : null, AccountID ?? "");
}

/// <summary>engine.UnitInfo.</summary>
public sealed record UnitInfoWire(string? UUID, string? ID, decimal Value, string? DestinationID, decimal Consumed, decimal Factor, string? Category,
    string? ToR, RateIntervalWire? RateInterval);

/// <summary>engine.MonetaryInfo.</summary>
public sealed record MonetaryInfoWire(string? UUID, string? ID, decimal Value, RateIntervalWire? RateInterval);

/// <summary>engine.RateInterval.</summary>
public sealed record RateIntervalWire(TimingWire? Timing, RateTableWire? Rating, decimal Weight)
{
    public static RateIntervalWire? From(RateInterval? ri) => ri is null ? null : new(TimingWire.From(ri.Timing), RateTableWire.From(ri.Rating), ri.Weight);

    public RateInterval ToRateInterval() =>
        new(Timing?.ToTiming() ?? Obol.Rating.Timing.Any, Rating?.ToRateTable() ?? new RateTable("", 0, RoundingMethod.Middle, 0, 0, "", []), Weight);
}

/// <summary>engine.RITiming.</summary>
public sealed record TimingWire(string ID, IReadOnlyList<int> Years, IReadOnlyList<int> Months, IReadOnlyList<int> MonthDays, IReadOnlyList<int> WeekDays,
    string StartTime, string EndTime)
{
    public static TimingWire From(Timing t) => new(t.Id, t.Years, t.Months, t.MonthDays, t.WeekDays, t.StartTimeText,
        t.EndTime is { } end ? end.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "");

    public Timing ToTiming() => new(ID, Years ?? [], Months ?? [], MonthDays ?? [], WeekDays ?? [], ParseTime(StartTime) ?? LocalTime.Midnight,
        ParseTime(EndTime), string.IsNullOrEmpty(StartTime) ? "00:00:00" : StartTime);

    private static LocalTime? ParseTime(string? text) =>
        !string.IsNullOrEmpty(text) && NodaTime.Text.LocalTimePattern.ExtendedIso.Parse(text) is { Success: true } parsed ? parsed.Value : null;
}

/// <summary>engine.RIRate.</summary>
public sealed record RateTableWire(decimal ConnectFee, string RoundingMethod, int RoundingDecimals, decimal MaxCost, string MaxCostStrategy,
    IReadOnlyList<RateSlotWire> Rates)
{
    public static RateTableWire From(RateTable r) => new(r.ConnectFee, r.RoundingMethod.ToWire(), r.RoundingDecimals, r.MaxCost, r.MaxCostStrategy,
        [.. r.Slots.Select(s => new RateSlotWire(s.GroupIntervalStart, s.Value, s.RateIncrement, s.RateUnit))]);

    public RateTable ToRateTable() => new("", ConnectFee, RoundingMethods.Parse(RoundingMethod), RoundingDecimals, MaxCost, MaxCostStrategy ?? "",
        [.. (Rates ?? []).Select(s => new RateSlot(s.GroupIntervalStart, s.Value, s.RateIncrement, s.RateUnit))]);
}

/// <summary>engine.RGRate.</summary>
public sealed record RateSlotWire(Usage GroupIntervalStart, decimal Value, Usage RateIncrement, Usage RateUnit);
