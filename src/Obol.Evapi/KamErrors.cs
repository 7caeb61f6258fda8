namespace Obol.Evapi;

/// <summary>The error texts kamagent puts in reply <c>Error</c> fields and disconnect <c>Reason</c>s.</summary>
public static class KamErrors
{
    /// <summary>A mandatory field is empty or absent (auth reply error, or disconnect reason on CALL_START).</summary>
    public const string MandatoryIeMissing = "MANDATORY_IE_MISSING";

    /// <summary>Disconnect reason when InitiateSession fails for a CALL_START.</summary>
    public const string ServerError = "SERVER_ERROR";

    /// <summary>Disconnect reason of every SessionS-requested disconnect (AgentV1.DisconnectSession).</summary>
    public const string InsufficientCredit = "INSUFFICIENT_CREDIT";
}
