using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Obol.Api;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.SessionServer;

/// <summary>
/// A debit as the session journal keeps it: the spans and increments with who paid, and each span's rate interval by
/// reference (the SHA-256 of its JSON, stored once in <c>session_rates</c>), so a call debited every few seconds writes a
/// few hundred bytes per debit instead of its whole tariff each time.
/// </summary>
internal static class JournalDebit
{
    private static readonly ConditionalWeakTable<RateInterval, RateDocument> s_rateKeys = [];

    /// <param name="cost">The debit.</param>
    /// <param name="rateKey">Stores a span's rate interval, giving its key.</param>
    /// <param name="withSummary">Keep the cost's AccountSummary too: the run's first debit does, since its balances'
    /// values before the debit are the Initial values of the run's EventCost, which no later debit knows.</param>
    public static string Write(CallCost cost, Func<RateInterval, string> rateKey, bool withSummary) =>
        JsonSerializer.Serialize(new DebitDocument(cost.Cost, [.. cost.Timespans.Select(s => Span(s, rateKey))], withSummary ? cost.AccountSummary : null),
            GoJsonOptions.Default);

    public static CallCost Read(string json, IReadOnlyDictionary<string, RateInterval> rates)
    {
        var doc = JsonSerializer.Deserialize<DebitDocument>(json, GoJsonOptions.Default) ?? throw new JsonException("empty debit");
        return new CallCost { Cost = doc.Cost, Timespans = [.. doc.Spans.Select(s => Span(s, rates))], AccountSummary = doc.Summary };
    }

    /// <summary>The rate interval's key and JSON, computed once per loaded interval.</summary>
    public static RateDocument Rate(RateInterval rate) => s_rateKeys.GetValue(rate, static r =>
    {
        var json = JsonSerializer.Serialize(RateIntervalWire.From(r), GoJsonOptions.Default);
        return new RateDocument(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))), json);
    });

    public static RateInterval ReadRate(string json) =>
        (JsonSerializer.Deserialize<RateIntervalWire>(json, GoJsonOptions.Default) ?? throw new JsonException("empty rate")).ToRateInterval();

    private static SpanDocument Span(RatingSpan s, Func<RateInterval, string> rateKey) => new(s.TimeStart, s.TimeEnd, s.Cost,
        s.RateInterval is { } rate ? rateKey(rate) : null, s.DurationIndex.Nanoseconds, s.CompressFactor,
        [s.MatchedSubject, s.MatchedPrefix, s.MatchedDestId, s.RatingPlanId], [.. s.Increments.Select(Increment)],
        s.RoundIncrement is { } round ? Increment(round) : null);

    private static RatingSpan Span(SpanDocument d, IReadOnlyDictionary<string, RateInterval> rates)
    {
        var rate = d.Rate is null ? null : rates.TryGetValue(d.Rate, out var found) ? found : throw new JsonException($"unknown rate {d.Rate}");
        var span = new RatingSpan
        {
            TimeStart = d.Start,
            TimeEnd = d.End,
            Cost = d.Cost,
            RateInterval = rate,
            DurationIndex = new Usage(d.DurationIndex),
            CompressFactor = Math.Max(1, d.CompressFactor),
            Increments = [.. d.Increments.Select(i => Increment(i, rate))],
            RoundIncrement = d.Round is { } round ? Increment(round, rate) : null,
        };
        span.SetRatingIdentity(d.Ids[0], d.Ids[1], d.Ids[2], d.Ids[3]);
        return span;
    }

    private static IncrementDocument Increment(Increment i) => new(i.Duration.Nanoseconds, i.Cost, i.CompressFactor, i.BalanceInfo is { } b
        ? new PaidBy(b.AccountId, b.Monetary?.Uuid, b.Monetary?.Id,
            b.Unit is { } u ? new UnitDocument(u.Uuid, u.Id, u.DestinationId, u.Consumed, u.Factor, u.Category, u.ToR) : null)
        : null);

    // The balances' rate interval is the span's: the journal keeps it once, on the span.
    private static Increment Increment(IncrementDocument d, RateInterval? rate) => new(new Usage(d.Duration), d.Cost, Math.Max(1, d.CompressFactor),
        d.PaidBy is { } p
            ? new DebitInfo(p.Unit is { } u ? new UnitDebit(u.Uuid, u.Id, u.DestinationId, u.Consumed, u.Factor, u.Category, u.ToR, rate) : null,
                p.MonetaryUuid is null ? null : new MonetaryDebit(p.MonetaryUuid, p.MonetaryId ?? "", rate), p.Account)
            : null);

    internal sealed record RateDocument(string Key, string Json);

    private sealed record DebitDocument(decimal Cost, List<SpanDocument> Spans,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AccountSummary? Summary = null);

    private sealed record SpanDocument(Instant Start, Instant End, decimal Cost, string? Rate, long DurationIndex, int CompressFactor,
        string[] Ids, List<IncrementDocument> Increments, IncrementDocument? Round);

    private sealed record IncrementDocument(long Duration, decimal Cost, int CompressFactor, PaidBy? PaidBy);

    private sealed record PaidBy(string Account, [property: JsonPropertyName("MU")] string? MonetaryUuid,
        [property: JsonPropertyName("MI")] string? MonetaryId, UnitDocument? Unit);

    private sealed record UnitDocument(string Uuid, string Id, string DestinationId, decimal Consumed, decimal Factor, string Category, string ToR);
}
