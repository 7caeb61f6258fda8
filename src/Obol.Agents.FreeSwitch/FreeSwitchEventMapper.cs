using System.Globalization;
using System.Text;
using NodaTime;
using Obol.Cdrs;
using Obol.Esl;
using Obol.Events;
using Obol.Primitives;
using Obol.SessionServer;
using H = Obol.Agents.FreeSwitch.FreeSwitchHeaders;

namespace Obol.Agents.FreeSwitch;

/// <summary>
/// A FreeSWITCH channel event as CGRateS's fsevent.go turns it into a CGREvent and the SessionS arguments. The
/// <c>alias</c> parameters stand for the connection's alias, which fsagent writes into <c>variable_cgr_originhost</c>
/// when empty before mapping, so it outranks <c>FreeSWITCH-IPv4</c> as OriginHost.
/// </summary>
public sealed class FreeSwitchEventMapper
{
    private const string ReqPrefix = "~*req.";
    private readonly FreeSwitchAgentOptions _options;
    private readonly string[] _extraFields;

    public FreeSwitchEventMapper(FreeSwitchAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        // CGRateS only honours dynamic *req rules here and uses the path after "~*req." as both header and field name.
        _extraFields = [.. options.ExtraFields.Where(r => r.StartsWith(ReqPrefix, StringComparison.Ordinal)).Select(r => r[ReqPrefix.Length..])];
    }

    /// <summary>AsCGREvent: Time is the SetupTime, ID a random 7-hex prefix (UUIDSha1Prefix), APIOpts from cgr_opts.</summary>
    public CgrEvent ToCgrEvent(EslEvent ev, string? alias = null)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var fields = ToFields(ev, alias);
        return new CgrEvent
        {
            Tenant = Tenant(ev),
            Id = Cgrid.NewEventId(),
            Time = (Instant)fields[EventFields.SetupTime]!,
            Event = fields,
            ApiOpts = Options(ev),
        };
    }

    /// <summary>V1AuthorizeArgs: the event with Usage forced to the default voice usage, flags from cgr_flags.</summary>
    public AuthorizeArgs ToAuthorizeArgs(EslEvent ev, string? alias = null, int? connectionIndex = null)
    {
        var cgrEvent = ToCgrEvent(ev, alias);
        cgrEvent.Event[EventFields.Usage] = _options.DefaultVoiceUsage;
        AddConnection(cgrEvent, connectionIndex);
        var args = new AuthorizeArgs { Tenant = cgrEvent.Tenant, Id = cgrEvent.Id, Time = cgrEvent.Time, Event = cgrEvent.Event, ApiOpts = cgrEvent.ApiOpts };
        return AgentFlags.ApplyTo(args, Get(ev, H.CgrFlags));
    }

    /// <summary>V1InitSessionArgs.</summary>
    public InitiateArgs ToInitiateArgs(EslEvent ev, string? alias = null, int? connectionIndex = null)
    {
        var cgrEvent = ToCgrEvent(ev, alias);
        AddConnection(cgrEvent, connectionIndex);
        var args = new InitiateArgs { Tenant = cgrEvent.Tenant, Id = cgrEvent.Id, Time = cgrEvent.Time, Event = cgrEvent.Event, ApiOpts = cgrEvent.ApiOpts };
        return AgentFlags.ApplyTo(args, Get(ev, H.CgrFlags));
    }

    /// <summary>V1TerminateSessionArgs.</summary>
    public TerminateArgs ToTerminateArgs(EslEvent ev, string? alias = null, int? connectionIndex = null)
    {
        var cgrEvent = ToCgrEvent(ev, alias);
        AddConnection(cgrEvent, connectionIndex);
        var args = new TerminateArgs { Tenant = cgrEvent.Tenant, Id = cgrEvent.Id, Time = cgrEvent.Time, Event = cgrEvent.Event, ApiOpts = cgrEvent.ApiOpts };
        return AgentFlags.ApplyTo(args, Get(ev, H.CgrFlags));
    }

    /// <summary>GetReqType: cgr_reqtype, else <c>*none</c> for calls FreeSWITCH keeps out of CDRs or inline dialplans, else the default.</summary>
    public string RequestType(EslEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var detected = Get(ev, H.ProcessCdr) == "false" || Get(ev, H.CallerDialplan) == "inline" ? Meta.None : null;
        return FirstNonEmpty(Get(ev, H.CgrReqType), detected, _options.DefaultRequestType);
    }

    /// <summary>GetCallDestNr: the number the call is transferred back to after park.</summary>
    public static string CallDestinationNumber(EslEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return FirstNonEmpty(Get(ev, H.CallDestinationNumber), Get(ev, H.SipReqUser));
    }

    /// <summary>MissingParameter: the first mandatory field that is blank, or null.</summary>
    public string? MissingParameter(EslEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var account = Account(ev);
        (string Name, string Value)[] checks =
        [
            (EventFields.Account, account),
            (EventFields.Subject, FirstNonEmpty(Get(ev, H.CgrSubject), account)),
            (EventFields.Destination, Destination(ev)),
            (EventFields.Category, FirstNonEmpty(Get(ev, H.CgrCategory), _options.DefaultCategory)),
            (EventFields.OriginId, Get(ev, H.UniqueId) ?? ""),
            (EventFields.Tenant, Tenant(ev)),
            (H.CallDestinationNumber, CallDestinationNumber(ev)),
        ];
        return checks.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Value)).Name;
    }

    /// <summary>AsMapStringInterface. Times are <see cref="Instant"/>s, durations <see cref="Usage"/>s, Cost the decimal -1.</summary>
    public Dictionary<string, object?> ToFields(EslEvent ev, string? alias = null)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in _extraFields)
        {
            // Go reads the header as named; the channel variable is tried too so "~*req.sip_call_id" finds variable_sip_call_id.
            fields[name] = Get(ev, name) ?? Get(ev, EslEvent.VariablePrefix + name) ?? "";
        }
        var account = Account(ev);
        fields[EventFields.ToR] = Meta.Voice;
        fields[EventFields.OriginId] = Get(ev, H.UniqueId) ?? "";
        fields[EventFields.OriginHost] = FirstNonEmpty(Get(ev, H.CgrOriginHost), alias, Get(ev, H.FreeSwitchIpv4));
        fields["Source"] = "FS_" + ev.EventName;
        fields[EventFields.RequestType] = RequestType(ev);
        fields[EventFields.Tenant] = Tenant(ev);
        fields[EventFields.Category] = FirstNonEmpty(Get(ev, H.CgrCategory), _options.DefaultCategory);
        fields[EventFields.Account] = account;
        fields[EventFields.Subject] = FirstNonEmpty(Get(ev, H.CgrSubject), account);
        fields[EventFields.Destination] = Destination(ev);
        fields[EventFields.SetupTime] = MicrosecondTime(ev, H.SetupTime);
        fields[EventFields.AnswerTime] = MicrosecondTime(ev, H.AnswerTime);
        fields[EventFields.Usage] = Duration(Get(ev, H.Billsec), "s");
        fields[EventFields.Pdd] = Duration(FirstNonEmpty(Get(ev, H.PddMediaMs), Get(ev, H.PddNoMediaMs)), "ms");
        fields["ACD"] = Duration(Get(ev, H.CgrAcd), "s");
        fields[EventFields.Cost] = -1m;
        fields["Route"] = Get(ev, H.CgrRoute) ?? "";
        fields[EventFields.DisconnectCause] = FirstNonEmpty(Get(ev, H.CgrDisconnectCause), Get(ev, H.HangupCause));
        return fields;
    }

    /// <summary>GetOptions: <c>cgr_opts</c> as <c>k1:v1,k2:v2</c>; pairs without ':' are skipped.</summary>
    public static Dictionary<string, object?> Options(EslEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var options = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Get(ev, H.CgrOpts) is not { } text)
        {
            return options;
        }
        foreach (var option in text.Split(','))
        {
            var pair = option.Split(':', 2);
            if (pair.Length == 2)
            {
                options[pair[0]] = pair[1];
            }
        }
        return options;
    }

    /// <summary>SliceAsFsArray: <c>ARRAY::&lt;n&gt;|:a|:b</c>, empty for no items (FreeSWITCH has no length of an ARRAY).</summary>
    public static string FsArray(IReadOnlyCollection<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return "";
        }
        var text = new StringBuilder("ARRAY::").Append(items.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var item in items)
        {
            text.Append("|:").Append(item);
        }
        return text.ToString();
    }

    private string Tenant(EslEvent ev) => FirstNonEmpty(Get(ev, H.CgrTenant), _options.DefaultTenant);

    private static string Account(EslEvent ev) => FirstNonEmpty(Get(ev, H.CgrAccount), Get(ev, H.Username));

    private static string Destination(EslEvent ev) =>
        FirstNonEmpty(Get(ev, H.CgrDestination), Get(ev, H.CallDestinationNumber), Get(ev, H.SipReqUser));

    /// <summary>
    /// The Caller-Channel-*-Time headers are unix microseconds; CGRateS drops the last six digits (whole seconds, so
    /// CGRIDs match CSV-imported CDRs) and parses the rest; "0" and unparsable values give Go's zero time.
    /// </summary>
    private Instant MicrosecondTime(EslEvent ev, string header)
    {
        var text = Get(ev, header);
        if (text is { Length: > 6 } && text != "0")
        {
            text = text[..^6];
        }
        return GoTime.TryParse(text ?? "", _options.Timezone, SystemClock.Instance.GetCurrentInstant(), out var parsed)
            ? parsed.ToInstant()
            : GoTime.Zero.ToInstant();
    }

    /// <summary>ParseDurationWithSecs with the unit FreeSWITCH writes bare numbers in; empty or unparsable is zero.</summary>
    private static Usage Duration(string? text, string unit)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Usage.Zero;
        }
        var isNumber = decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        return Usage.TryParse(isNumber ? text + unit : text, out var usage) ? usage : Usage.Zero;
    }

    private static void AddConnection(CgrEvent cgrEvent, int? connectionIndex)
    {
        if (connectionIndex is { } index)
        {
            cgrEvent.Event[H.FsConnId] = (decimal)index;
        }
    }

    private static string? Get(EslEvent ev, string name) => ev[name];

    private static string FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
}
