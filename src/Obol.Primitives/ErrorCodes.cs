namespace Obol.Primitives;

/// <summary>
/// The error strings CGRateS puts on the wire (utils/errors.go). Clients match on them, so they are never reworded.
/// </summary>
public static class ErrorCodes
{
    public const string NotFound = "NOT_FOUND";
    public const string ServerError = "SERVER_ERROR";
    public const string MandatoryIeMissing = "MANDATORY_IE_MISSING";
    public const string NotConnected = "NOT_CONNECTED";
    public const string AccountNotFound = "ACCOUNT_NOT_FOUND";
    public const string AccountDisabled = "ACCOUNT_DISABLED";
    public const string InsufficientCredit = "INSUFFICIENT_CREDIT";
    public const string InsufficientCreditBalanceBlocker = "INSUFFICIENT_CREDIT_BALANCE_BLOCKER";
    public const string UnauthorizedDestination = "UNAUTHORIZED_DESTINATION";
    public const string RatingPlanNotFound = "RATING_PLAN_NOT_FOUND";
    public const string MaxUsageExceeded = "MAX_USAGE_EXCEEDED";
    public const string MaxRecursionDepth = "MAX_RECURSION_DEPTH";
    public const string PartiallyExecuted = "PARTIALLY_EXECUTED";
    public const string Exists = "EXISTS";
    public const string SessionNotFound = "SESSION_NOT_FOUND";
    public const string NoActiveSession = "NO_ACTIVE_SESSION";
    public const string InvalidPath = "INVALID_PATH";
    public const string UncomputableIncrement = "UNCOMPUTABLE_INCREMENT";
    public const string MaxIncrementsExceeded = "MAX_INCREMENTS_EXCEEDED";
    public const string NegativeConnectFee = "NEGATIVE_CONNECT_FEE";
    public const string NotImplemented = "NOT_IMPLEMENTED";
    public const string BrokenReference = "BROKEN_REFERENCE";

    /// <summary><c>MANDATORY_IE_MISSING: [Tenant Account]</c> — Go's <c>%v</c> of a string slice.</summary>
    public static string MandatoryIeMissingFields(params string[] fields) => $"{MandatoryIeMissing}: [{string.Join(' ', fields)}]";

    /// <summary><c>SERVER_ERROR: &lt;detail&gt;</c> (one space after the colon).</summary>
    public static string ServerErrorWith(string detail) => $"{ServerError}: {detail}";

    /// <summary><c>NOT_CONNECTED: RALs</c>.</summary>
    public static string NotConnectedTo(string service) => $"{NotConnected}: {service}";

    /// <summary>Subsystem-prefixed errors have no space after the colon: <c>RALS_ERROR:NOT_FOUND</c>.</summary>
    public static string SubsystemError(string subsystem, string detail) => $"{subsystem}_ERROR:{detail}";
}
