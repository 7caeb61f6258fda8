using System.Collections.Frozen;
using System.Globalization;

namespace Obol.Evapi;

/// <summary>
/// What CGRateS does to a Kamailio event before SessionS sees it (NewKamEvent, AsMapStringInterface, GetOptions,
/// AsCGREvent in agents/kamevent.go), as pure functions over plain values.
/// </summary>
public static class KamEventMapping
{
    /// <summary>The Source CGRateS stamps on events that carry none (utils.KamailioAgent).</summary>
    public const string DefaultSource = "KamailioAgent";

    /// <summary>Fields that steer the agent and never reach the event (kamReservedEventFields).</summary>
    public static FrozenSet<string> ReservedFields { get; } = FrozenSet.Create(StringComparer.Ordinal,
        KamFields.Event, KamFields.TrIndex, KamFields.TrLabel, KamFields.CgrFlags, KamFields.ReplyRoute);

    /// <summary>Fields named like CGRateS API options (utils.CGROptionsSet): they go to APIOpts instead of the event.</summary>
    public static FrozenSet<string> OptionFields { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "*sessionsTTL", "*sessionsTTLMaxDelay", "*sessionsTTLLastUsed", "*sessionsTTLLastUsage", "*sessionsTTLUsage",
        "*sessionsDebitInterval", "*stirATest", "*stirPayloadMaxDuration", "*stirIdentity", "*stirOriginatorTn",
        "*stirOriginatorURI", "*stirDestinationTn", "*stirDestinationURI", "*stirPublicKeyPath", "*stirPrivateKeyPath",
        "*apiKey", "*routeID", "*context", "*attrProcessRuns", "*attrProfileIDs", "*rouLimit", "*rouOffset",
        "*rouIgnoreErrors", "*rouMaxCost", "*sessionsChargeable", "*rmtHost", "*cache", "*rouProfileCount",
        "*dispatchersProfilesCount", "*attrProfileRuns", "*attrProfileIgnoreFilters", "*stsProfileIDs",
        "*stsProfileIgnoreFilters", "*thdProfileIDs", "*thdProfileIgnoreFilters", "*rsUsageID", "*rsUsageTTL",
        "*rsUnits", "*ipAllocationID", "*ipTTL", "*attributeS", "*thresholdS", "*chargerS", "*statS", "*ralS",
        "*rerate", "*refund", "*accountID");

    /// <summary>
    /// KamEvent.AsCGREvent. Returns null for an event name CGRateS does not convert (it answers those as missing
    /// mandatory fields first).
    /// </summary>
    /// <exception cref="FormatException">The event's time field is not a time; CGRateS then drops the event.</exception>
    public static KamCgrEvent? ToCgrEvent(KamEvent kamEvent, KamMappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(kamEvent);
        ArgumentNullException.ThrowIfNull(options);
        DateTimeOffset time;
        switch (kamEvent.Name)
        {
            case KamEventNames.AuthRequest:
                time = KamTime.Parse(kamEvent.Get(KamFields.SetupTime), options.TimeZone);
                break;
            case KamEventNames.CallStart or KamEventNames.CallEnd or KamEventNames.ProcessMessage:
                time = KamTime.Parse(kamEvent.Get(KamFields.AnswerTime), options.TimeZone);
                break;
            case KamEventNames.ProcessCdr:
                time = TimeZoneInfo.ConvertTime(options.TimeProvider.GetUtcNow(), options.TimeZone);
                break;
            default:
                return null;
        }
        var tenant = kamEvent.Get(KamFields.Tenant);
        var originHost = ResolveOriginHost(kamEvent, options.ConnectionAlias, options.RemoteAddress);
        return new KamCgrEvent
        {
            Tenant = string.IsNullOrEmpty(tenant) ? options.DefaultTenant : tenant,
            Time = time,
            Event = ToEventFields(kamEvent, originHost, options.DefaultRequestType),
            ApiOpts = ToApiOpts(kamEvent),
            Flags = KamFlags.Split(kamEvent.Get(KamFields.CgrFlags)),
            UsageNanoseconds = ParseUsageSeconds(kamEvent.Get(KamFields.Usage)),
        };
    }

    /// <summary>
    /// NewKamEvent: the event's own OriginHost, else the connection alias, else the Kamailio address ("" when
    /// none is known; CGRateS then still sets the field).
    /// </summary>
    public static string ResolveOriginHost(KamEvent kamEvent, string? connectionAlias, string? remoteAddress)
    {
        ArgumentNullException.ThrowIfNull(kamEvent);
        var own = kamEvent.Get(KamFields.OriginHost);
        return !string.IsNullOrEmpty(own) ? own
            : !string.IsNullOrEmpty(connectionAlias) ? connectionAlias
            : remoteAddress ?? "";
    }

    /// <summary>
    /// AsMapStringInterface: all fields but the reserved and option ones; Usage gets "s" appended; OriginHost set;
    /// Source and RequestType defaulted when absent (an empty RequestType is kept, as in Go).
    /// </summary>
    public static Dictionary<string, object?> ToEventFields(KamEvent kamEvent, string originHost, string defaultRequestType)
    {
        ArgumentNullException.ThrowIfNull(kamEvent);
        var fields = new Dictionary<string, object?>(kamEvent.Fields.Count + 3, StringComparer.Ordinal);
        foreach (var (key, value) in kamEvent.Fields)
        {
            if (ReservedFields.Contains(key) || OptionFields.Contains(key))
            {
                continue;
            }
            fields[key] = key == KamFields.Usage ? value + "s" : value;
        }
        fields[KamFields.OriginHost] = originHost;
        fields.TryAdd(KamFields.Source, DefaultSource);
        fields.TryAdd(KamFields.RequestType, defaultRequestType);
        return fields;
    }

    /// <summary>GetOptions: the option-named fields, values unchanged.</summary>
    public static Dictionary<string, object?> ToApiOpts(KamEvent kamEvent)
    {
        ArgumentNullException.ThrowIfNull(kamEvent);
        var opts = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in kamEvent.Fields)
        {
            if (OptionFields.Contains(key))
            {
                opts[key] = value;
            }
        }
        return opts;
    }

    /// <summary>
    /// Kamailio's Usage ($TS - $dlg(start_ts), whole seconds) in nanoseconds; decimals are accepted as Go's "1.5s"
    /// would be. Null when absent or not a number.
    /// </summary>
    public static long? ParseUsageSeconds(string? seconds)
    {
        if (string.IsNullOrEmpty(seconds))
        {
            return null;
        }
        if (long.TryParse(seconds, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return whole is > long.MaxValue / 1_000_000_000 or < long.MinValue / 1_000_000_000 ? null : whole * 1_000_000_000;
        }
        const NumberStyles decimalSeconds = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (decimal.TryParse(seconds, decimalSeconds, CultureInfo.InvariantCulture, out var fraction)
            && Math.Abs(fraction) < long.MaxValue / 1_000_000_000m)
        {
            return (long)(fraction * 1_000_000_000m);
        }
        return null;
    }
}
