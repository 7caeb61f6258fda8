using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Obol.Cdrs;
using Obol.Events;
using Obol.Primitives;

namespace Obol.CdrServer;

/// <summary>
/// The CDR FreeSWITCH's mod_json_cdr posts to <c>/freeswitch_json</c>, read as CGRateS's engine/fscdr.go reads it: the
/// channel <c>variables</c> give the CDR's fields (<c>cgr_*</c> first, then FreeSWITCH's own: <c>uuid</c>,
/// <c>user_name</c>, <c>dialed_extension</c>/<c>sip_req_user</c>, <c>start_epoch</c>, <c>answer_epoch</c>,
/// <c>billsec</c>), and a name missing from them is searched for through the whole document (callflow, caller
/// profiles, times...), as for the caller's <c>username</c>.
/// </summary>
public sealed class FreeSwitchJsonCdr
{
    /// <summary>The CDR's Source.</summary>
    public const string Source = "freeswitch_json";

    private readonly JsonElement _body;
    private readonly Dictionary<string, string> _variables;

    private FreeSwitchJsonCdr(JsonElement body, Dictionary<string, string> variables)
    {
        _body = body;
        _variables = variables;
    }

    /// <summary>The channel variables, as strings.</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>Reads the posted document.</summary>
    /// <exception cref="JsonException">It is not JSON, or not a JSON object.</exception>
    public static FreeSwitchJsonCdr Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        var body = document.RootElement.Clone();
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"json: cannot unmarshal {body.ValueKind.ToString().ToLowerInvariant()} into Go value of type map[string]interface {{}}");
        }
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("variables", out var vars) && vars.ValueKind == JsonValueKind.Object)
        {
            foreach (var variable in vars.EnumerateObject())
            {
                // mod_json_cdr writes strings only; CGRateS would panic on anything else, here it keeps its text.
                variables[variable.Name] = AsString(variable.Value);
            }
        }
        return new FreeSwitchJsonCdr(body, variables);
    }

    /// <summary>
    /// searchExtraField: the first property named <paramref name="field"/>, depth first through objects and the objects
    /// inside arrays; a nested match counts only when not empty. Empty when there is none.
    /// </summary>
    public string Search(string field) => Search(_body, field) ?? "";

    /// <summary>FSCdr.AsCDR: unrated (Cost -1), CGRID from the uuid and origin host.</summary>
    /// <param name="defaults">general's default request type, tenant and category, and the zone of zone-less times.</param>
    /// <param name="extraFields">cdrs.extra_fields.</param>
    /// <param name="now">What relative times count from.</param>
    /// <param name="cdr">The CDR, when every variable converts.</param>
    /// <param name="error">Go's error text for a variable that does not convert.</param>
    public bool TryToCdr(CdrDefaults defaults, IReadOnlyList<CdrExtraField> extraFields, Instant now, [NotNullWhen(true)] out Cdr? cdr,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(extraFields);
        cdr = null;
        var originHost = FirstNonEmpty(Var("cgr_originhost"), Var("FreeSWITCH-IPv4"));
        var built = new Cdr
        {
            Cgrid = Cgrid.Compute(Var("uuid"), originHost),
            RunId = Var("cgr_runid"),
            OriginHost = originHost,
            Source = Source,
            OriginId = Var("uuid"),
            ToR = Meta.Voice,
            RequestType = FirstNonEmpty(Var("cgr_reqtype"), defaults.RequestType),
            Tenant = FirstNonEmpty(Var("cgr_tenant"), defaults.Tenant),
            Category = FirstNonEmpty(Var("cgr_category"), defaults.Category),
            Account = FirstDefined(["cgr_account", "user_name"], "username"),
            Subject = FirstDefined(["cgr_subject", "cgr_account", "user_name"], "username"),
            Destination = FirstNonEmpty(Var("cgr_destination"), Var("dialed_extension"), Var("sip_req_user")),
            ExtraInfo = Var("cgr_extrainfo"),
            CostSource = Var("cgr_costsource"),
            Cost = Cdr.Unrated,
        };
        foreach (var field in extraFields)
        {
            built.ExtraFields[field.Name] = field.Apply(_variables.TryGetValue(field.Name, out var value) ? value : Search(field.Name));
        }
        if (_variables.TryGetValue("cgr_orderid", out var orderId))
        {
            if (!long.TryParse(orderId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var order))
            {
                error = $"strconv.ParseInt: parsing \"{orderId}\": invalid syntax";
                return false;
            }
            built.OrderId = order;
        }
        if (!TryTime("start_epoch", defaults.Timezone, now, out var setup, out error)
            || !TryTime("answer_epoch", defaults.Timezone, now, out var answer, out error)
            || !TryUsage("billsec", out var usage, out error)
            || !TryBool("cgr_partial", out var partial, out error)
            || !TryBool("cgr_prerated", out var preRated, out error))
        {
            return false;
        }
        (built.SetupTime, built.AnswerTime, built.Usage, built.Partial, built.PreRated) = (setup, answer, usage, partial, preRated);
        cdr = built;
        return true;
    }

    private string Var(string name) => _variables.GetValueOrDefault(name, "");

    /// <summary>firstDefined: the first variable present, even empty; else the document searched for <paramref name="fallback"/>.</summary>
    private string FirstDefined(string[] names, string fallback)
    {
        foreach (var name in names)
        {
            if (_variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }
        return Search(fallback);
    }

    /// <summary>ParseTimeDetectLayout on the variable when present (epochs, "0" being no time); Go's zero time when absent.</summary>
    private bool TryTime(string name, DateTimeZone zone, Instant now, out Instant time, [NotNullWhen(false)] out string? error)
    {
        time = Cdr.ZeroTime;
        error = null;
        if (!_variables.TryGetValue(name, out var text))
        {
            return true;
        }
        if (!GoTime.TryParse(text, zone, now, out var parsed))
        {
            error = "Unsupported time format";
            return false;
        }
        time = parsed.ToInstant();
        return true;
    }

    /// <summary>ParseDurationWithSecs: a bare number is seconds (billsec), anything else a Go duration.</summary>
    private bool TryUsage(string name, out Usage usage, [NotNullWhen(false)] out string? error)
    {
        usage = Usage.Zero;
        error = null;
        if (!_variables.TryGetValue(name, out var text) || text.Length == 0)
        {
            return true;
        }
        var seconds = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? text + "s" : text;
        if (!Usage.TryParse(seconds, out usage))
        {
            error = $"time: invalid duration \"{seconds}\"";
            return false;
        }
        return true;
    }

    private bool TryBool(string name, out bool result, [NotNullWhen(false)] out string? error)
    {
        result = false;
        error = null;
        return !_variables.TryGetValue(name, out var text) || EventValues.TryAsBool(text, out result, out error);
    }

    private static string? Search(JsonElement node, string field)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (property.NameEquals(field))
            {
                return AsString(property.Value);
            }
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object when Search(property.Value, field) is { Length: > 0 } found:
                    return found;
                case JsonValueKind.Array:
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object && Search(item, field) is { Length: > 0 } inItem)
                        {
                            return inItem;
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return null;
    }

    /// <summary>IfaceAsString of a decoded JSON value: strings as they are, numbers and literals as written.</summary>
    private static string AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    private static string FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
}
