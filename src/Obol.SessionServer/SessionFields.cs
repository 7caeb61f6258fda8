namespace Obol.SessionServer;

/// <summary>Event fields and options SessionS reads beside <see cref="Events.EventFields"/> (utils/consts.go).</summary>
public static class SessionFields
{
    public const string CgrId = "CGRID";
    public const string LastUsed = "LastUsed";
    public const string Source = "Source";
    public const string Acd = "ACD";
    public const string CostDetails = "CostDetails";
    public const string MetaSessions = "*sessions";
    public const string OptsDebitInterval = "*sessionsDebitInterval";
    public const string AgentDisconnect = "AgentV1.DisconnectSession";
}
