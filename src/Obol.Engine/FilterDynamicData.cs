using Obol.Accounting;
using Obol.Config;
using Obol.Filters;
using Obol.Rals;
using Obol.Stats;

namespace Obol.Engine;

/// <summary>
/// dynamicDP's providers this engine answers: <c>~*accounts.&lt;account&gt;.…</c> through RALs (<c>filters.apiers_conns</c>)
/// and <c>~*stats.&lt;queue&gt;.&lt;metric&gt;</c> through StatS (<c>filters.stats_conns</c>). An account or a queue that does
/// not exist is a missing field; a provider whose connection is not configured fails the filter, as CGRateS's
/// connection manager does.
/// </summary>
internal sealed class FilterDynamicData(RalsService rals, FiltersConfig config) : IDynamicDataSource
{
    private const string NoConnections = "MANDATORY_IE_MISSING: [connIDs]";

    /// <summary>Set once StatS is built, which needs FilterS first.</summary>
    public StatService? Stats { get; set; }

    public bool TryGetField(string tenant, ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        if (path.Length < 2)
        {
            throw new FilterEvaluationException($"invalid fieldname <[{string.Join(' ', path.ToArray())}]>");
        }
        switch (path[0])
        {
            case "*accounts":
                if (config.ApiersConns.Count == 0)
                {
                    throw new FilterEvaluationException(NoConnections);
                }
                var read = rals.Accounts.GetAsync(tenant + ":" + path[1]);
                if ((read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult()) is not { } account)
                {
                    return false;
                }
                if (path.Length == 2)
                {
                    value = account;
                    return true;
                }
                if (AccountFields.TryGet(account, path[2..], out value, out var error))
                {
                    return true;
                }
                return error is null ? false : throw new FilterEvaluationException(error);
            case "*stats":
                if (config.StatsConns.Count == 0 || Stats is not { } stats)
                {
                    throw new FilterEvaluationException(NoConnections);
                }
                if (path.Length != 3 || stats.GetFloatMetrics(tenant, path[1]) is not { } metrics || !metrics.TryGetValue(path[2], out var metric))
                {
                    return false;
                }
                value = metric;
                return true;
            default:
                throw new FilterEvaluationException($"NOT_IMPLEMENTED: {path[0]}");
        }
    }
}
