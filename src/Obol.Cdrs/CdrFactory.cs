using System.Diagnostics.CodeAnalysis;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Cdrs;

/// <summary>
/// MapEvent.AsCDR followed by CDR.AddDefaults (engine/mapevent.go, engine/cdr.go): main fields map onto the CDR,
/// every other event field becomes an extra field (as its string form), empty fields take the defaults, and a
/// missing CGRID is computed from OriginID and OriginHost.
/// </summary>
public static class CdrFactory
{
    /// <summary>Builds the CDR of <paramref name="cgrEvent"/>; its Tenant is the starting tenant, as CDRs passes it.
    /// <paramref name="now"/> is what relative time strings (<c>*now</c>, <c>+1h</c>) count from.</summary>
    public static bool TryFromEvent(CgrEvent cgrEvent, CdrDefaults defaults, Instant now,
        [NotNullWhen(true)] out Cdr? cdr, [NotNullWhen(false)] out CdrFieldError? error) =>
        TryFromFields(cgrEvent.Event, cgrEvent.Tenant, defaults, now, out cdr, out error);

    /// <summary>As <see cref="TryFromEvent"/>, throwing.</summary>
    /// <exception cref="FormatException">A field cannot be converted; the message names it.</exception>
    public static Cdr FromEvent(CgrEvent cgrEvent, CdrDefaults defaults, Instant now) =>
        TryFromEvent(cgrEvent, defaults, now, out var cdr, out var error) ? cdr : throw new FormatException(error.ToString());

    /// <summary>MapEvent.AsCDR on the raw event fields, then the defaults when <paramref name="defaults"/> is given
    /// (CGRateS skips them when called without a config).</summary>
    public static bool TryFromFields(IReadOnlyDictionary<string, object?> fields, string tenant, CdrDefaults? defaults, Instant now,
        [NotNullWhen(true)] out Cdr? cdr, [NotNullWhen(false)] out CdrFieldError? error)
    {
        cdr = null;
        var zone = defaults?.Timezone ?? DateTimeZone.Utc;
        var built = new Cdr { Tenant = tenant };
        foreach (var (name, value) in fields)
        {
            if (!CdrFields.Main.Contains(name))
            {
                built.ExtraFields[name] = EventValues.AsString(value);
                continue;
            }
            if (!TrySet(built, name, value, zone, now, out var message))
            {
                error = new CdrFieldError(name, message);
                return false;
            }
        }
        if (defaults is not null)
        {
            AddDefaults(built, defaults);
        }
        cdr = built;
        error = null;
        return true;
    }

    /// <summary>CDR.AddDefaults.</summary>
    public static void AddDefaults(Cdr cdr, CdrDefaults defaults)
    {
        if (cdr.Cgrid.Length == 0)
        {
            cdr.ComputeCgrid();
        }
        if (cdr.RunId.Length == 0)
        {
            cdr.RunId = Meta.Default;
        }
        if (cdr.ToR.Length == 0)
        {
            cdr.ToR = Meta.Voice;
        }
        if (cdr.RequestType.Length == 0)
        {
            cdr.RequestType = defaults.RequestType;
        }
        if (cdr.Tenant.Length == 0)
        {
            cdr.Tenant = defaults.Tenant;
        }
        if (cdr.Category.Length == 0)
        {
            cdr.Category = defaults.Category;
        }
        if (cdr.Subject.Length == 0)
        {
            cdr.Subject = cdr.Account;
        }
    }

    private static bool TrySet(Cdr cdr, string name, object? value, DateTimeZone zone, Instant now, [NotNullWhen(false)] out string? error)
    {
        error = null;
        switch (name)
        {
            case CdrFields.Cgrid: cdr.Cgrid = EventValues.AsString(value); return true;
            case CdrFields.RunId: cdr.RunId = EventValues.AsString(value); return true;
            case CdrFields.OriginHost: cdr.OriginHost = EventValues.AsString(value); return true;
            case CdrFields.Source: cdr.Source = EventValues.AsString(value); return true;
            case CdrFields.OriginId: cdr.OriginId = EventValues.AsString(value); return true;
            case CdrFields.ToR: cdr.ToR = EventValues.AsString(value); return true;
            case CdrFields.RequestType: cdr.RequestType = EventValues.AsString(value); return true;
            case CdrFields.Tenant: cdr.Tenant = EventValues.AsString(value); return true;
            case CdrFields.Category: cdr.Category = EventValues.AsString(value); return true;
            case CdrFields.Account: cdr.Account = EventValues.AsString(value); return true;
            case CdrFields.Subject: cdr.Subject = EventValues.AsString(value); return true;
            case CdrFields.Destination: cdr.Destination = EventValues.AsString(value); return true;
            case CdrFields.CostSource: cdr.CostSource = EventValues.AsString(value); return true;
            case CdrFields.ExtraInfo: cdr.ExtraInfo = EventValues.AsString(value); return true;
            case CdrFields.SetupTime:
                if (!EventValues.TryAsTime(value, zone, now, out var setup, out error)) { return false; }
                cdr.SetupTime = setup;
                return true;
            case CdrFields.AnswerTime:
                if (!EventValues.TryAsTime(value, zone, now, out var answer, out error)) { return false; }
                cdr.AnswerTime = answer;
                return true;
            case CdrFields.Usage:
                if (!EventValues.TryAsUsage(value, out var usage, out error)) { return false; }
                cdr.Usage = usage;
                return true;
            case CdrFields.Partial:
                if (!EventValues.TryAsBool(value, out var partial, out error)) { return false; }
                cdr.Partial = partial;
                return true;
            case CdrFields.PreRated:
                if (!EventValues.TryAsBool(value, out var preRated, out error)) { return false; }
                cdr.PreRated = preRated;
                return true;
            case CdrFields.Cost:
                if (!EventValues.TryAsDecimal(value, out var cost, out error)) { return false; }
                cdr.Cost = cost;
                return true;
            case CdrFields.CostDetails:
                if (!CdrValues.TryAsCostDetails(value, out var details, out error)) { return false; }
                cdr.CostDetails = details;
                cdr.OwnCostDetails = value as CostDetailsJson;
                return true;
            case CdrFields.OrderId:
                if (!EventValues.TryAsInt64(value, out var orderId, out error)) { return false; }
                cdr.OrderId = orderId;
                return true;
            default:
                // CGRateS parity: "Rated" is a main CDR field without a case in AsCDR, so Go refuses the event.
                error = $"unimplemented CDR field: <{name}>";
                return false;
        }
    }
}
