using System.Globalization;
using System.Text;

namespace Obol.Evapi.Testing;

/// <summary>
/// The payloads Kamailio 5.6 builds from the e2e recipe's kamailio-cgrates.cfg, byte for byte: string templating
/// with a newline and two tabs between members, values inserted unescaped, unset variables as "&lt;null&gt;".
/// </summary>
public static class KamailioTemplates
{
    private const string Sep = ",\n\t\t";

    /// <summary>route[CGRATES_SESSIONAUTH_REQUEST] (INVITE).</summary>
    public static string AuthRequest(string trIndex, string trLabel, string account, string destination, long setupTime) =>
        "{\"event\":\"CGR_AUTH_REQUEST\"" + Sep +
        Field("tr_index", trIndex) + Sep +
        Field("tr_label", trLabel) + Sep +
        Field("cgr_flags", "*attributes;*accounts;*routes;*resources;*thresholds") + Sep +
        Field("reply_route", "CGR_SESSIONAUTH_REPLY") + Sep +
        Field("Account", account) + Sep +
        Field("Destination", destination) + Sep +
        Field("SetupTime", Number(setupTime)) + "}";

    /// <summary>route[CGRATES_SIMPLEAUTH_REQUEST] (REGISTER with WITH_CGR_SIMPLEAUTH).</summary>
    public static string SimpleAuthRequest(string trIndex, string trLabel, string account) =>
        "{\"event\":\"CGR_AUTH_REQUEST\"" + Sep +
        Field("tr_index", trIndex) + Sep +
        Field("tr_label", trLabel) + Sep +
        Field("cgr_flags", "*attributes") + Sep +
        Field("cgr_context", "simpleauth") + Sep +
        Field("reply_route", "CGR_SIMPLEAUTH_REPLY") + Sep +
        Field("Account", account) + "}";

    /// <summary>route[CGR_CALL_START] (dialog:start).</summary>
    public static string CallStart(FakeCall call) =>
        "{\"event\":\"CGR_CALL_START\"" + Sep +
        Field("h_entry", Number(call.HashEntry)) + Sep +
        Field("h_id", Number(call.HashId)) + Sep +
        Field("cgr_flags", "*attributes;*accounts;*resources;*thresholds") + Sep +
        Field("OriginID", call.OriginId) + Sep +
        Field("RequestType", call.RequestType) + Sep +
        Field("Tenant", call.Tenant) + Sep +
        Field("Account", call.Account) + Sep +
        Field("Destination", call.Destination) + Sep +
        Field("SetupTime", Number(call.SetupTime)) + Sep +
        Field("AnswerTime", Number(call.AnswerTime)) + "}";

    /// <summary>route[CGR_CALL_END] (dialog:end); Usage is whole seconds, AnswerTime the dialog's start_ts.</summary>
    public static string CallEnd(FakeCall call, long usageSeconds) =>
        "{\"event\":\"CGR_CALL_END\"" + Sep +
        Field("cgr_flags", "*accounts;*resources") + Sep +
        Field("OriginID", call.OriginId) + Sep +
        Field("RequestType", call.RequestType) + Sep +
        Field("Tenant", call.Tenant) + Sep +
        Field("Account", call.Account) + Sep +
        Field("Destination", call.Destination) + Sep +
        Field("AnswerTime", Number(call.AnswerTime)) + Sep +
        Field("PaypalAccount", call.PaypalAccount) + Sep +
        Field("SetupTime", Number(call.SetupTime)) + Sep +
        Field("Usage", Number(usageSeconds)) + "}";

    /// <summary>
    /// route[CGR_DLG_LIST]: the dlg.briefing "c" result as Kamailio's JSON-RPC printer formats it (tab indented,
    /// "key":&lt;tab&gt;value), wrapped in the CGR_DLG_LIST_REPLY template.
    /// </summary>
    public static string DlgListReply(IEnumerable<FakeDialog> dialogs)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var result = new StringBuilder();
        var first = true;
        foreach (var dialog in dialogs)
        {
            result.Append(first ? "" : ", ")
                .Append("{\n\t\t\t\"h_entry\":\t").Append(Number(dialog.HashEntry))
                .Append(",\n\t\t\t\"h_id\":\t").Append(Number(dialog.HashId))
                .Append(",\n\t\t\t\"call-id\":\t\"").Append(dialog.CallId).Append("\"\n\t\t}");
            first = false;
        }
        return "{\"event\":\"CGR_DLG_LIST_REPLY\"" + Sep +
            "\"jsonrpl_body\":{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t[" + result + "],\n\t\"id\":\t1\n}}";
    }

    private static string Field(string name, string value) => "\"" + name + "\":\"" + value + "\"";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
