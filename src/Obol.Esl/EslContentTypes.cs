namespace Obol.Esl;

/// <summary>The <c>Content-Type</c> values mod_event_socket sends on the outer frame.</summary>
public static class EslContentTypes
{
    public const string AuthRequest = "auth/request";
    public const string CommandReply = "command/reply";
    public const string ApiResponse = "api/response";
    public const string EventPlain = "text/event-plain";
    public const string DisconnectNotice = "text/disconnect-notice";

    /// <summary>Sent instead of <see cref="AuthRequest"/> when the event-socket ACL refuses the client address.</summary>
    public const string RudeRejection = "text/rude-rejection";
}
