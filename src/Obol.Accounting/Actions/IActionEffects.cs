namespace Obol.Accounting;

/// <summary>How much a message the actions and triggers report through <see cref="IActionEffects.Log"/> matters.</summary>
public enum ActionLogLevel
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// Everything actions do outside the account (the port the engine host implements): logs, HTTP posts, CDRs, session
/// commands and shared-group membership. A method that throws fails the action that called it (only
/// <c>*http_post_async</c> logs instead): the action list stops there, as in CGRateS.
/// </summary>
public interface IActionEffects
{
    /// <summary>The <c>*log</c> action. <paramref name="accountJson"/> is the account as CGRateS marshals it; CGRateS
    /// writes <c>LOG Account: {json}</c> at INFO.</summary>
    void LogAccount(Account account, string accountJson);

    /// <summary>What CGRateS writes to its logger: refused triggers, failed actions, unreadable parameters.</summary>
    void Log(ActionLogLevel level, string message);

    /// <summary><c>*http_post</c> and <c>*http_post_async</c>: POSTs the JSON <paramref name="body"/> to
    /// <paramref name="url"/>. CGRateS spools a failed post to <c>failed_posts_dir</c> instead of failing the action;
    /// an implementation that spools should complete normally.</summary>
    Task PostAsync(string url, string body);

    /// <summary><c>*cdrlog</c>: CDRsV1.ProcessEvents with these CDRs. Throws when no CDR server is connected
    /// (CGRateS: "No connection with CDR Server").</summary>
    void WriteCdrs(IReadOnlyList<ActionCdr> cdrs);

    /// <summary><c>*publish_account</c>: the account update event for ThresholdS and StatS.</summary>
    void PublishAccount(Account account);

    /// <summary><c>*force_disconnect_sessions</c>: SessionSv1.ForceDisconnect.</summary>
    void ForceDisconnectSessions(SessionsRequest request);

    /// <summary><c>*alter_sessions</c>: SessionSv1.AlterSessions.</summary>
    void AlterSessions(SessionsRequest request);

    /// <summary><c>*remove_session_costs</c>: removes the stored session costs the filters (IDs or inline filters,
    /// <c>;</c>-separated, on <c>~*sc.</c> fields) select.</summary>
    void RemoveSessionCosts(string filterIds);

    /// <summary>A topup or <c>*set_balance</c> gave the account a balance in this shared group: the account becomes a
    /// member (CGRateS adds it to SharedGroup.MemberIds and only warns when the group does not exist).</summary>
    void JoinSharedGroup(string sharedGroupId, string accountId);
}

/// <summary>The session selection of <c>*alter_sessions</c> and <c>*force_disconnect_sessions</c>, read from
/// ExtraParameters <c>tenant;filter&amp;filter;limit;opt:value&amp;...;field:value&amp;...</c>.</summary>
public sealed record SessionsRequest(
    string Tenant,
    IReadOnlyList<string> Filters,
    int Limit,
    IReadOnlyDictionary<string, string> ApiOpts,
    IReadOnlyDictionary<string, string> Event);

/// <summary>Evaluates an action's Filters against the account (CGRateS FilterS.Pass with the account as <c>*req</c>).</summary>
public interface IActionFilterEvaluator
{
    bool Pass(string tenant, IReadOnlyList<string> filterIds, Account account);
}
