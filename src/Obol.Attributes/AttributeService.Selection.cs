using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Attributes;

/// <summary>engine/attributes.go attributeProfileForEvent and the options that steer it.</summary>
public sealed partial class AttributeService
{
    private const int InlineCacheLimit = 4096;

    [ThreadStatic]
    private static HashSet<AttributeProfile>? t_candidates;

    /// <summary>attributeProfileForEvent: the heaviest candidate that answers the context, is active at the event
    /// time, passes its filters, is not the one applied last and has runs left.</summary>
    private string? SelectProfile(AttributeTable table, string tenant, in Selection selection, Instant? eventTime,
        AttributeEventData data, string lastId, Dictionary<string, int>? applied, int profileRuns, Instant now, out AttributeProfile? best)
    {
        best = null;
        var picker = new Picker(table, tenant, selection, eventTime, data, lastId, applied, profileRuns, now);
        if (selection.ProfileIds.Count != 0)
        {
            foreach (var id in selection.ProfileIds)
            {
                AttributeProfile? candidate;
                if (id.StartsWith('*'))
                {
                    if (Inline(tenant, id, out candidate) is { } inlineError)
                    {
                        return inlineError;
                    }
                }
                else
                {
                    candidate = table.Find(tenant, id);
                }
                if (candidate is not null && picker.Consider(candidate, tieByName: false) is { } error)
                {
                    return error;
                }
            }
        }
        else
        {
            // One set per thread, taken while in use, so a nested call (none today) would get its own.
            var candidates = t_candidates ?? [];
            t_candidates = null;
            try
            {
                table.IndexFor(tenant, selection.Context)?.Collect(data, candidates);
                if (selection.Context != Meta.Any && (candidates.Count == 0 || table.Options.AnyContext))
                {
                    table.IndexFor(tenant, Meta.Any)?.Collect(data, candidates);
                }
                foreach (var candidate in candidates)
                {
                    if (picker.Consider(candidate, tieByName: true) is { } error)
                    {
                        return error;
                    }
                }
            }
            finally
            {
                candidates.Clear();
                t_candidates = candidates;
            }
        }
        best = picker.Best;
        if (best is null)
        {
            return ErrorCodes.NotFound;
        }
        data.Vars[AttributeEventData.ProfileTenantIdVar] = best.MatchedId;
        return null;
    }

    private string? Inline(string tenant, string rule, out AttributeProfile? profile)
    {
        if (_inline.TryGetValue((tenant, rule), out profile))
        {
            return null;
        }
        try
        {
            profile = AttributeProfile.FromInline(tenant, rule);
        }
        catch (AttributeDefinitionException e)
        {
            return e.Message;
        }
        // Inline rules come from charger profiles, a small set; the cap only guards against API callers inventing them.
        if (_inline.Count < InlineCacheLimit)
        {
            _inline.TryAdd((tenant, rule), profile);
        }
        return null;
    }

    private static string? ReadSelection(CgrEvent cgrEvent, AttributeOptions options, out Selection selection)
    {
        selection = default;
        var context = options.Context;
        if (cgrEvent.ApiOpts.TryGetValue(EventOptions.Context, out var contextOption))
        {
            context = GoInterfaceValues.AsString(contextOption);
        }
        var ids = options.ProfileIds;
        if (cgrEvent.ApiOpts.TryGetValue(EventOptions.AttributeProfileIds, out var idsOption) &&
            !GoInterfaceValues.TryAsStringList(idsOption, out ids, out var idsError))
        {
            return idsError;
        }
        var ignoreFilters = options.ProfileIgnoreFilters;
        if (cgrEvent.ApiOpts.TryGetValue(EventOptions.AttributesProfileIgnoreFilters, out var ignoreOption) &&
            !GoInterfaceValues.TryAsBool(ignoreOption, out ignoreFilters, out var ignoreError))
        {
            return ignoreError;
        }
        selection = new Selection(string.IsNullOrEmpty(context) ? Meta.Default : context, ids, ignoreFilters && ids.Count != 0);
        return null;
    }

    private static string? ReadInt(CgrEvent cgrEvent, string key, int fallback, out int value)
    {
        value = fallback;
        if (!cgrEvent.ApiOpts.TryGetValue(key, out var option))
        {
            return null;
        }
        if (!GoInterfaceValues.TryAsTruncatedInt64(option, out var number, out var error))
        {
            return error;
        }
        value = (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        return null;
    }

    /// <summary>The event's choice of context and profiles for one run.</summary>
    private readonly record struct Selection(string Context, IReadOnlyList<string> ProfileIds, bool IgnoreFilters);

    /// <summary>The loop body of attributeProfileForEvent, kept as state so both candidate sources share it.</summary>
    private struct Picker(AttributeTable table, string tenant, Selection selection, Instant? eventTime, AttributeEventData data,
        string lastId, Dictionary<string, int>? applied, int profileRuns, Instant now)
    {
        public AttributeProfile? Best { get; private set; }

        /// <summary>Null, or the error of the candidate's filters (which ends the selection, as in CGRateS).</summary>
        public string? Consider(AttributeProfile candidate, bool tieByName)
        {
            if (!candidate.AnswersContext(selection.Context))
            {
                return null;
            }
            if (candidate.Activation is { } window && eventTime is { } time && !window.IsActiveAt(time))
            {
                return null;
            }
            data.Vars[AttributeEventData.ProfileTenantIdVar] = candidate.MatchedId;
            if (!selection.IgnoreFilters)
            {
                var outcome = table.Filters.Pass(tenant, candidate.FilterIds, data, now);
                if (outcome.Error is { } error)
                {
                    return error;
                }
                if (!outcome.Passed)
                {
                    return null;
                }
            }
            // CGRateS keeps the first of equal weights in a random set order; by name makes the choice repeatable.
            var better = Best is null || Best.Weight < candidate.Weight ||
                (tieByName && Best.Weight == candidate.Weight && string.CompareOrdinal(candidate.TenantId, Best.TenantId) < 0);
            if (better && candidate.MatchedId != lastId &&
                (profileRuns <= 0 || (applied?.GetValueOrDefault(candidate.MatchedId) ?? 0) < profileRuns))
            {
                Best = candidate;
            }
            return null;
        }
    }
}
