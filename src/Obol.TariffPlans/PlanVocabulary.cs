using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>The fixed words the tariff-plan CSVs may contain, as CGRateS defines them (utils/consts.go).</summary>
internal static class PlanVocabulary
{
    /// <summary>engine/action.go init (actionFuncMap) plus the types ees/libactions.go registers. <c>*cdr_account</c> is
    /// how cgrates-reference.md names <c>*reset_account_cdr</c>; both are accepted.</summary>
    public static readonly HashSet<string> ActionTypes = new(StringComparer.Ordinal)
    {
        "*log", "*reset_triggers", "*cdrlog", "*set_recurrent", "*unset_recurrent", "*allow_negative", "*deny_negative",
        "*reset_account", "*topup_reset", "*topup", "*debit_reset", "*debit", "*transfer_balance", "*reset_counters",
        "*enable_account", "*disable_account", "*mail_async", "*set_ddestinations", "*remove_account", "*remove_balance",
        "*set_balance", "*transfer_monetary_default", "*cgr_rpc", "*alter_sessions", "*force_disconnect_sessions",
        "*topup_zero_negative", "*set_expiry", "*publish_account", "*remove_session_costs", "*remove_expired",
        "*reset_account_cdr", "*cdr_account", "*export", "*reset_threshold", "*reset_stat_queue", "*remote_set_account",
        "*dynamic_threshold", "*dynamic_stats", "*dynamic_attribute", "*dynamic_action_plan",
        "*dynamic_action_plan_accounts", "*dynamic_action", "*dynamic_destination", "*dynamic_filter", "*dynamic_route",
        "*dynamic_ranking", "*dynamic_rating_profile", "*dynamic_trend", "*dynamic_resource", "*dynamic_action_trigger",
        "*sy_publish", "*http_post", "*http_post_async", "*post_event",
    };

    public static readonly HashSet<string> ThresholdTypes = new(StringComparer.Ordinal)
    {
        "*min_balance", "*max_balance", "*balance_expired", "*min_event_counter", "*max_event_counter",
        "*min_balance_counter", "*max_balance_counter",
    };

    public static readonly HashSet<string> BalanceTypes = new(StringComparer.Ordinal)
    {
        Meta.Monetary, Meta.Voice, Meta.Sms, Meta.Mms, Meta.Data, Meta.Generic,
    };

    /// <summary>The timings tpreader.go addDefaultTimings creates; they exist in every plan.</summary>
    public static readonly HashSet<string> BuiltInTimings = new(StringComparer.Ordinal)
    {
        Meta.Any, Meta.Asap, "*every_minute", "*hourly", "*daily", "*weekly", "*monthly", "*monthly_estimated",
        "*month_end", "*yearly",
    };

    /// <summary>engine/filters.go supportedFiltersType.</summary>
    public static readonly HashSet<string> FilterTypes = new(StringComparer.Ordinal)
    {
        "*string", "*contains", "*prefix", "*suffix", "*timings", "*rsr", "*destinations", "*http", "*empty", "*exists",
        "*lt", "*lte", "*gt", "*gte", "*eq", "*ipnet", "*apiban", "*sentrypeer", "*ai", "*regex",
    };

    /// <summary>Filter types whose rules need no values (everything else in <see cref="FilterTypes"/> but *http does).</summary>
    public static readonly HashSet<string> FilterTypesWithoutValues = new(StringComparer.Ordinal) { "*http", "*empty", "*exists" };

    public static readonly HashSet<string> MaxCostStrategies = new(StringComparer.Ordinal) { "", Meta.MaxCostFree, Meta.MaxCostDisconnect };

    /// <summary>The base type of a filter rule type: <c>*notstring</c> is a negated <c>*string</c>,
    /// <c>*http#url</c> is <c>*http</c>.</summary>
    public static string BaseFilterType(string type)
    {
        if (type.StartsWith("*not", StringComparison.Ordinal))
        {
            return "*" + type["*not".Length..];
        }
        return type.StartsWith("*http", StringComparison.Ordinal) ? "*http" : type;
    }
}
