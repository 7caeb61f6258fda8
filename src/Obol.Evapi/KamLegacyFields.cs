namespace Obol.Evapi;

/// <summary>
/// Older Kamailio field names (utils cgr_* constants and the fields of CGRateS's kamevent tests). The current agent
/// gives them no meaning; like any other field they reach the event unchanged.
/// </summary>
public static class KamLegacyFields
{
    public const string CallId = "callid";
    public const string FromTag = "from_tag";
    public const string ToTag = "to_tag";
    public const string Account = "cgr_account";
    public const string Subject = "cgr_subject";
    public const string Destination = "cgr_destination";
    public const string Category = "cgr_category";
    public const string RequestType = "cgr_reqtype";
    public const string Tenant = "cgr_tenant";
    public const string AnswerTime = "cgr_answertime";
    public const string Duration = "cgr_duration";
    public const string Route = "cgr_route";
    public const string Pdd = "cgr_pdd";
    public const string DisconnectCause = "cgr_disconnectcause";
}
