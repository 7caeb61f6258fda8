using NodaTime;
using Obol.Primitives;

namespace Obol.Cdrs;

/// <summary>
/// utils.RPCCDRsFilter after AsCDRsFilter: times parsed, ExtraArgs (OrderIDStart/End, MinCost/MaxCost) typed.
/// Empty lists and null bounds do not filter. <see cref="Matches"/> applies the conditions as CGRateS's SQL StorDB
/// does (engine/storage_sql.go GetCDRs): lists are IN / NOT IN, prefixes are LIKE 'p%', time, usage, order and cost
/// ranges are half-open [start, end).
/// </summary>
public sealed partial class CdrQuery
{
    // Declared before All: static initializers run in text order and All's defaults read it.
    private static readonly IReadOnlyDictionary<string, string> s_noFields = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<string> Cgrids { get; init; } = [];
    public IReadOnlyList<string> NotCgrids { get; init; } = [];
    public IReadOnlyList<string> RunIds { get; init; } = [];
    public IReadOnlyList<string> NotRunIds { get; init; } = [];
    public IReadOnlyList<string> OriginIds { get; init; } = [];
    public IReadOnlyList<string> NotOriginIds { get; init; } = [];
    public IReadOnlyList<string> OriginHosts { get; init; } = [];
    public IReadOnlyList<string> NotOriginHosts { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyList<string> NotSources { get; init; } = [];
    public IReadOnlyList<string> ToRs { get; init; } = [];
    public IReadOnlyList<string> NotToRs { get; init; } = [];
    public IReadOnlyList<string> RequestTypes { get; init; } = [];
    public IReadOnlyList<string> NotRequestTypes { get; init; } = [];
    public IReadOnlyList<string> Tenants { get; init; } = [];
    public IReadOnlyList<string> NotTenants { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> NotCategories { get; init; } = [];
    public IReadOnlyList<string> Accounts { get; init; } = [];
    public IReadOnlyList<string> NotAccounts { get; init; } = [];
    public IReadOnlyList<string> Subjects { get; init; } = [];
    public IReadOnlyList<string> NotSubjects { get; init; } = [];
    public IReadOnlyList<string> DestinationPrefixes { get; init; } = [];
    public IReadOnlyList<string> NotDestinationPrefixes { get; init; } = [];
    public IReadOnlyList<decimal> Costs { get; init; } = [];
    public IReadOnlyList<decimal> NotCosts { get; init; } = [];

    /// <summary>Any one entry matching is enough (SQL ORs them); value <c>*exists</c> asks only for the key.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = s_noFields;

    /// <summary>Every entry must not match (SQL ANDs them); value <c>*exists</c> asks for the key's absence.</summary>
    public IReadOnlyDictionary<string, string> NotExtraFields { get; init; } = s_noFields;

    public Instant? SetupTimeStart { get; init; }
    public Instant? SetupTimeEnd { get; init; }
    public Instant? AnswerTimeStart { get; init; }
    public Instant? AnswerTimeEnd { get; init; }
    public Usage? MinUsage { get; init; }
    public Usage? MaxUsage { get; init; }
    public decimal? MinCost { get; init; }
    public decimal? MaxCost { get; init; }
    public long? OrderIdStart { get; init; }
    public long? OrderIdEnd { get; init; }

    /// <summary>Null: insertion (OrderID) order, which is what the SQL StorDB returns without ORDER BY.</summary>
    public CdrOrder? OrderBy { get; init; }

    public int? Limit { get; init; }
    public int? Offset { get; init; }

    /// <summary>Every CDR.</summary>
    public static CdrQuery All { get; } = new();

    /// <summary>Whether the query needs conditions beyond the identity, string, prefix, time, usage and order-id ones
    /// (costs, extra fields): a store translating to SQL filters those in memory.</summary>
    public bool HasValueConditions =>
        Costs.Count > 0 || NotCosts.Count > 0 || ExtraFields.Count > 0 || NotExtraFields.Count > 0 || MinCost is not null || MaxCost is not null;

    /// <summary>Whether <paramref name="cdr"/> passes every condition (Limit, Offset and OrderBy aside).</summary>
    public bool Matches(Cdr cdr) =>
        In(Cgrids, NotCgrids, cdr.Cgrid)
        && In(RunIds, NotRunIds, cdr.RunId)
        && In(OriginIds, NotOriginIds, cdr.OriginId)
        && In(OriginHosts, NotOriginHosts, cdr.OriginHost)
        && In(Sources, NotSources, cdr.Source)
        && In(ToRs, NotToRs, cdr.ToR)
        && In(RequestTypes, NotRequestTypes, cdr.RequestType)
        && In(Tenants, NotTenants, cdr.Tenant)
        && In(Categories, NotCategories, cdr.Category)
        && In(Accounts, NotAccounts, cdr.Account)
        && In(Subjects, NotSubjects, cdr.Subject)
        && (DestinationPrefixes.Count == 0 || HasPrefix(DestinationPrefixes, cdr.Destination))
        && !HasPrefix(NotDestinationPrefixes, cdr.Destination)
        && (Costs.Count == 0 || Costs.Contains(cdr.Cost))
        && !NotCosts.Contains(cdr.Cost)
        && InRange(SetupTimeStart, SetupTimeEnd, cdr.SetupTime)
        && InRange(AnswerTimeStart, AnswerTimeEnd, cdr.AnswerTime)
        && (MinUsage is not { } min || cdr.Usage >= min)
        && (MaxUsage is not { } max || cdr.Usage < max)
        && (OrderIdStart is not { } first || cdr.OrderId >= first)
        && (OrderIdEnd is not { } last || cdr.OrderId < last)
        && CostInRange(cdr.Cost)
        && ExtraFieldsMatch(cdr.ExtraFields);

    /// <summary>Filters, orders and pages <paramref name="cdrs"/> as GetCDRs answers.</summary>
    public IReadOnlyList<Cdr> Select(IEnumerable<Cdr> cdrs) => Page(Sort(cdrs.Where(Matches))).ToList();

    /// <summary>Orders by <see cref="OrderBy"/> (stable, ties in OrderID order), or by OrderID.</summary>
    public IEnumerable<Cdr> Sort(IEnumerable<Cdr> cdrs)
    {
        var byOrderId = cdrs.OrderBy(c => c.OrderId);
        if (OrderBy is not { } order)
        {
            return byOrderId;
        }
        return order.Field switch
        {
            CdrSortField.AnswerTime => order.Descending ? byOrderId.OrderByDescending(c => c.AnswerTime) : byOrderId.OrderBy(c => c.AnswerTime),
            CdrSortField.SetupTime => order.Descending ? byOrderId.OrderByDescending(c => c.SetupTime) : byOrderId.OrderBy(c => c.SetupTime),
            CdrSortField.Usage => order.Descending ? byOrderId.OrderByDescending(c => c.Usage) : byOrderId.OrderBy(c => c.Usage),
            CdrSortField.Cost => order.Descending ? byOrderId.OrderByDescending(c => c.Cost) : byOrderId.OrderBy(c => c.Cost),
            _ => order.Descending ? byOrderId.OrderByDescending(c => c.OrderId) : byOrderId,
        };
    }

    /// <summary>Skips <see cref="Offset"/>, then takes at most <see cref="Limit"/>.</summary>
    public IEnumerable<Cdr> Page(IEnumerable<Cdr> cdrs)
    {
        if (Offset is > 0 and var offset)
        {
            cdrs = cdrs.Skip(offset);
        }
        return Limit is { } limit ? cdrs.Take(Math.Max(limit, 0)) : cdrs;
    }

    private static bool In(IReadOnlyList<string> allowed, IReadOnlyList<string> refused, string value) =>
        (allowed.Count == 0 || allowed.Contains(value, StringComparer.Ordinal)) && !refused.Contains(value, StringComparer.Ordinal);

    private static bool HasPrefix(IReadOnlyList<string> prefixes, string value)
    {
        foreach (var prefix in prefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A zero (Go zero time) bound does not filter, as CGRateS skips IsZero bounds.</summary>
    private static bool InRange(Instant? start, Instant? end, Instant value) =>
        (start is not { } s || s == Cdr.ZeroTime || value >= s) && (end is not { } e || e == Cdr.ZeroTime || value < e);

    /// <summary>MinCost/MaxCost with CGRateS's two special pairs: MinCost 0 with MaxCost -1 skips errored (negative
    /// cost) CDRs; MaxCost -1 alone asks for unrated ones. SQL writes the latter as <c>cost IS NULL</c>, which a
    /// stored CDR's -1 never is; the intent named in the Go comment ("Non-rated CDRs") is implemented instead.</summary>
    private bool CostInRange(decimal cost)
    {
        if (MinCost is { } min)
        {
            if (MaxCost is not { } maxWithMin)
            {
                return cost >= min;
            }
            if (min == 0 && maxWithMin == -1)
            {
                return cost >= 0;
            }
            return cost >= min && cost < maxWithMin;
        }
        if (MaxCost is { } max)
        {
            return max == -1 ? cost < 0 : cost < max;
        }
        return true;
    }

    private bool ExtraFieldsMatch(IReadOnlyDictionary<string, string> fields)
    {
        if (ExtraFields.Count > 0 && !ExtraFields.Any(wanted => FieldMatches(fields, wanted.Key, wanted.Value)))
        {
            return false;
        }
        return !NotExtraFields.Any(refused => FieldMatches(fields, refused.Key, refused.Value));
    }

    private static bool FieldMatches(IReadOnlyDictionary<string, string> fields, string name, string value) =>
        fields.TryGetValue(name, out var actual) && (value == MetaExists || actual == value);

    private const string MetaExists = "*exists";
}
