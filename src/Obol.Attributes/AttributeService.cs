using System.Collections.Concurrent;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Attributes;

/// <summary>
/// AttributeS (engine/attributes.go): finds the best attribute profile for an event and applies its attributes,
/// up to <c>*attrProcessRuns</c> times. The table is immutable and swapped whole, and every call works on its own
/// copy of the event, so concurrent events need no locks.
/// </summary>
public sealed partial class AttributeService(AttributeTable table)
{
    private const string MetaAttributes = "*attributes";

    private readonly ConcurrentDictionary<(string Tenant, string Rule), AttributeProfile> _inline = new();
    private AttributeTable _table = table ?? throw new ArgumentNullException(nameof(table));

    public AttributeTable Table => Volatile.Read(ref _table);

    /// <summary>Replaces the whole table (a tariff plan load or a config reload).</summary>
    public void Load(AttributeTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Volatile.Write(ref _table, table);
        _inline.Clear();
    }

    /// <summary>AttributeSv1.ProcessEvent. <paramref name="now"/> is the time filters are checked at; profile
    /// activation intervals are checked against the event's own time.</summary>
    public AttributeProcessResult ProcessEvent(CgrEvent cgrEvent, Instant now)
    {
        ArgumentNullException.ThrowIfNull(cgrEvent);
        if (cgrEvent.Event is null)
        {
            return AttributeProcessResult.Failure(ErrorCodes.MandatoryIeMissingFields("Event"));
        }
        var table = Table;
        var options = table.Options;
        var tenant = cgrEvent.Tenant.Length != 0 ? cgrEvent.Tenant : options.DefaultTenant;
        if (ReadInt(cgrEvent, EventOptions.ProcessRuns, options.ProcessRuns, out var processRuns) is { } runsError)
        {
            return AttributeProcessResult.Failure(runsError);
        }
        if (ReadInt(cgrEvent, EventOptions.ProfileRuns, options.ProfileRuns, out var profileRuns) is { } profileRunsError)
        {
            return AttributeProcessResult.Failure(profileRunsError);
        }
        var copy = Copy(cgrEvent, table.MaxAttributeCount);
        var data = new AttributeEventData(copy, tenant);
        var matched = new List<string>(Math.Clamp(processRuns, 0, 4));
        var altered = new List<string>(4);
        Dictionary<string, int>? applied = null;
        var lastId = "";
        string? error = null;
        for (var run = 0; run < processRuns; run++)
        {
            data.Vars[AttributeEventData.ProcessRunsVar] = run + 1;
            var alteredBefore = altered.Count;
            var runError = ProcessRun(table, tenant, data, lastId, applied, profileRuns, now, altered, out var profile);
            if (runError is not null)
            {
                // The event keeps what the failed run wrote (CGRateS alters it in place), the reply does not list it.
                altered.RemoveRange(alteredBefore, altered.Count - alteredBefore);
                // A later run that finds nothing ends the loop quietly; the first one is NOT_FOUND.
                if (runError != ErrorCodes.NotFound)
                {
                    error = ErrorCodes.ServerErrorWith(runError);
                }
                else if (run == 0)
                {
                    error = ErrorCodes.NotFound;
                }
                break;
            }
            tenant = copy.Tenant;
            lastId = profile!.MatchedId;
            matched.Add(lastId);
            if (profile.Blocker || run == processRuns - 1)
            {
                break;
            }
            // Only a later run can read these, so a single-run call never builds them.
            data.AddProcessed(lastId);
            if (profileRuns > 0)
            {
                applied ??= new Dictionary<string, int>(StringComparer.Ordinal);
                applied[lastId] = applied.GetValueOrDefault(lastId) + 1;
            }
        }
        if (error is not null && error != ErrorCodes.NotFound)
        {
            return AttributeProcessResult.Failure(error);
        }
        foreach (var (field, value) in copy.Event)
        {
            // A field the caller marked *attributes had to be filled by AttributeS.
            if (value is MetaAttributes)
            {
                return AttributeProcessResult.Failure(ErrorCodes.MandatoryIeMissingFields(field));
            }
        }
        altered.Sort(StringComparer.Ordinal);
        return new AttributeProcessResult(error, matched, altered, copy);
    }

    /// <summary>AttributeSv1.GetAttributeForEvent: the profile the first process run would apply.</summary>
    public AttributeLookupResult GetAttributeForEvent(CgrEvent cgrEvent, Instant now)
    {
        ArgumentNullException.ThrowIfNull(cgrEvent);
        var table = Table;
        var tenant = cgrEvent.Tenant.Length != 0 ? cgrEvent.Tenant : table.Options.DefaultTenant;
        if (ReadSelection(cgrEvent, table.Options, out var selection) is { } optionError)
        {
            return new AttributeLookupResult(null, optionError);
        }
        var data = new AttributeEventData(cgrEvent, tenant: null);
        var error = SelectProfile(table, tenant, selection, cgrEvent.Time, data, "", null, 0, now, out var profile);
        return error is null
            ? new AttributeLookupResult(profile, null)
            : new AttributeLookupResult(null, error == ErrorCodes.NotFound ? error : ErrorCodes.ServerErrorWith(error));
    }

    /// <summary>CGREvent.Clone with room for the fields the profiles add, so applying them does not grow the map.</summary>
    private static CgrEvent Copy(CgrEvent cgrEvent, int added)
    {
        var fields = new Dictionary<string, object?>(cgrEvent.Event.Count + added, StringComparer.Ordinal);
        foreach (var (field, value) in cgrEvent.Event)
        {
            fields[field] = value;
        }
        return new CgrEvent
        {
            Tenant = cgrEvent.Tenant,
            Id = cgrEvent.Id,
            Time = cgrEvent.Time,
            Event = fields,
            ApiOpts = new Dictionary<string, object?>(cgrEvent.ApiOpts, StringComparer.Ordinal),
        };
    }

    /// <summary>engine processEvent: one run; null or the unwrapped error.</summary>
    private string? ProcessRun(AttributeTable table, string tenant, AttributeEventData data, string lastId,
        Dictionary<string, int>? applied, int profileRuns, Instant now, List<string> altered, out AttributeProfile? profile)
    {
        profile = null;
        var copy = data.Event;
        if (ReadSelection(copy, table.Options, out var selection) is { } optionError)
        {
            return optionError;
        }
        if (SelectProfile(table, tenant, selection, copy.Time, data, lastId, applied, profileRuns, now, out profile) is { } selectError)
        {
            return selectError;
        }
        copy.Tenant = tenant;
        var filters = table.Filters;
        var context = new AttributeContext(data, tenant, now, filters.Environment, table.Options.RoundingDecimals);
        foreach (var attribute in profile!.Attributes)
        {
            if (attribute.FilterIds.Count != 0)
            {
                var outcome = filters.Pass(tenant, attribute.FilterIds, data, now);
                if (outcome.Error is { } filterError)
                {
                    return filterError;
                }
                if (!outcome.Passed)
                {
                    continue;
                }
            }
            if (attribute.Evaluate(context, out var substitute) is { } valueError)
            {
                return valueError;
            }
            if (!altered.Contains(attribute.Path))
            {
                altered.Add(attribute.Path);
            }
            if (attribute.WritesTenant)
            {
                copy.Tenant = attribute.Type == SubstitutionType.Composed ? copy.Tenant + substitute : substitute;
                data.SetTenantValue(substitute);
                continue;
            }
            if (substitute == SubstitutionTypes.MetaRemove)
            {
                // CGRateS ignores a failed removal.
                _ = data.Remove(attribute.PathSegments);
                continue;
            }
            if (attribute.Type == SubstitutionType.Composed)
            {
                substitute = data.FieldAsString(attribute.PathSegments) + substitute;
            }
            if (data.Set(attribute.PathSegments, substitute) is { } setError)
            {
                return setError;
            }
        }
        return null;
    }
}
