using NodaTime;
using Obol.Attributes;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Chargers;

/// <summary>
/// ChargerS (engine/chargers.go): forks an event into one run per matching charger profile, each with its
/// <c>RunID</c> and, unless the profile says <c>*none</c>, passed through AttributeS with the profile's attribute
/// IDs. <paramref name="attributes"/> is <c>chargers.attributes_conns</c>; null means none configured.
/// </summary>
public sealed class ChargerService(ChargerTable table, AttributeService? attributes = null)
{
    private const string MetaChargers = "*chargers";
    private const string AlteredRunId = "*req.RunID";

    private ChargerTable _table = table ?? throw new ArgumentNullException(nameof(table));

    public ChargerTable Table => Volatile.Read(ref _table);

    public void Load(ChargerTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Volatile.Write(ref _table, table);
    }

    /// <summary>ChargerSv1.ProcessEvent. <paramref name="now"/> is the time filters are checked at; activation
    /// intervals are checked against the event's time.</summary>
    public ChargerProcessResult ProcessEvent(CgrEvent cgrEvent, Instant now)
    {
        ArgumentNullException.ThrowIfNull(cgrEvent);
        if (cgrEvent.Event is null)
        {
            return ChargerProcessResult.Failure(ErrorCodes.MandatoryIeMissingFields("Event"));
        }
        var table = Table;
        var tenant = cgrEvent.Tenant.Length != 0 ? cgrEvent.Tenant : table.Options.DefaultTenant;
        if (Match(table, tenant, cgrEvent, now, out var profiles) is { } matchError)
        {
            return ChargerProcessResult.Failure(Wrap(matchError));
        }
        var runs = new ChargerRun[profiles.Count];
        for (var i = 0; i < runs.Length; i++)
        {
            if (Fork(profiles[i], tenant, cgrEvent, now, out runs[i]) is { } forkError)
            {
                return ChargerProcessResult.Failure(Wrap(forkError));
            }
        }
        return new ChargerProcessResult(runs, null);
    }

    /// <summary>ChargerSv1.GetChargersForEvent.</summary>
    public ChargerLookupResult GetChargersForEvent(CgrEvent cgrEvent, Instant now)
    {
        ArgumentNullException.ThrowIfNull(cgrEvent);
        var table = Table;
        var tenant = cgrEvent.Tenant.Length != 0 ? cgrEvent.Tenant : table.Options.DefaultTenant;
        return Match(table, tenant, cgrEvent, now, out var profiles) is { } error
            ? new ChargerLookupResult([], Wrap(error))
            : new ChargerLookupResult(profiles, null);
    }

    /// <summary>One run: the copy with its RunID and, when asked for, what AttributeS made of it.</summary>
    private string? Fork(ChargerProfile profile, string tenant, CgrEvent cgrEvent, Instant now, out ChargerRun run)
    {
        var copy = cgrEvent.Clone();
        copy.Tenant = tenant;
        copy.Event[EventFields.RunId] = profile.RunId;
        copy.ApiOpts[EventOptions.Subsys] = MetaChargers;
        run = new ChargerRun(profile.Id, null, [AlteredRunId], copy);
        if (profile.SkipsAttributes)
        {
            return null;
        }
        copy.ApiOpts[EventOptions.AttributeProfileIds] = profile.AttributeIds.Select(id => (object?)id).ToList();
        var hadContext = copy.ApiOpts.TryGetValue(EventOptions.Context, out var context);
        var contextText = GoValues.AsString(context);
        copy.ApiOpts[EventOptions.Context] = contextText.Length != 0 ? contextText : MetaChargers;
        if (attributes is null)
        {
            // ConnManager.Call with no attributes_conns.
            return ErrorCodes.MandatoryIeMissingFields("connIDs");
        }
        var reply = attributes.ProcessEvent(copy, now);
        if (reply.Error is { } error && error != ErrorCodes.NotFound)
        {
            return error;
        }
        var result = copy;
        var altered = run.AlteredFields;
        if (reply.AlteredFields.Count != 0)
        {
            altered = [AlteredRunId, .. reply.AlteredFields];
            result = reply.Event!;
        }
        if (!hadContext && result.ApiOpts.TryGetValue(EventOptions.Context, out var used) && GoValues.AsString(used) == MetaChargers)
        {
            result.ApiOpts.Remove(EventOptions.Context);
        }
        run = new ChargerRun(profile.Id, reply.MatchedProfiles, altered, result);
        return null;
    }

    /// <summary>matchingChargerProfilesForEvent: active, passing profiles, heaviest first (ties by ID, where
    /// CGRateS leaves them in random order).</summary>
    private static string? Match(ChargerTable table, string tenant, CgrEvent cgrEvent, Instant now, out List<ChargerProfile> matched)
    {
        var data = cgrEvent.ToFilterEvent();
        matched = table.Profiles.Candidates(tenant, data);
        for (var i = matched.Count - 1; i >= 0; i--)
        {
            var profile = matched[i];
            if (profile.Activation is { } window && cgrEvent.Time is { } time && !window.IsActiveAt(time))
            {
                matched.RemoveAt(i);
                continue;
            }
            var outcome = table.Filters.Pass(tenant, profile.FilterIds, data, now);
            if (outcome.Error is { } error)
            {
                matched.Clear();
                return error;
            }
            if (!outcome.Passed)
            {
                matched.RemoveAt(i);
            }
        }
        if (matched.Count == 0)
        {
            return ErrorCodes.NotFound;
        }
        // Candidates come in ID order and OrderBy is stable, so equal weights stay in ID order.
        matched = [.. matched.OrderByDescending(p => p.Weight)];
        return null;
    }

    private static string Wrap(string error) => error == ErrorCodes.NotFound ? error : ErrorCodes.ServerErrorWith(error);
}
