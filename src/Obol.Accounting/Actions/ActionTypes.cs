namespace Obol.Accounting;

/// <summary>The action types (Actions.csv Action column) the <see cref="ActionExecutor"/> runs (utils/consts.go).</summary>
public static class ActionTypes
{
    public const string Log = "*log";
    public const string TopUp = "*topup";
    public const string TopUpReset = "*topup_reset";
    public const string Debit = "*debit";
    public const string DebitReset = "*debit_reset";
    public const string TopUpZeroNegative = "*topup_zero_negative";
    public const string SetBalance = "*set_balance";
    public const string RemoveBalance = "*remove_balance";
    public const string RemoveExpired = "*remove_expired";
    public const string SetExpiry = "*set_expiry";
    public const string TransferMonetaryDefault = "*transfer_monetary_default";
    public const string TransferBalance = "*transfer_balance";
    public const string ResetAccount = "*reset_account";
    public const string RemoveAccount = "*remove_account";
    public const string EnableAccount = "*enable_account";
    public const string DisableAccount = "*disable_account";
    public const string AllowNegative = "*allow_negative";
    public const string DenyNegative = "*deny_negative";
    public const string ResetTriggers = "*reset_triggers";
    public const string SetRecurrent = "*set_recurrent";
    public const string UnsetRecurrent = "*unset_recurrent";
    public const string ResetCounters = "*reset_counters";
    public const string CdrLog = "*cdrlog";
    public const string HttpPost = "*http_post";
    public const string HttpPostAsync = "*http_post_async";
    public const string PublishAccount = "*publish_account";
    public const string AlterSessions = "*alter_sessions";
    public const string ForceDisconnectSessions = "*force_disconnect_sessions";
    public const string RemoveSessionCosts = "*remove_session_costs";
}
