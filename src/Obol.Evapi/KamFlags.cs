namespace Obol.Evapi;

/// <summary>
/// cgr_flags: subsystem flags separated by ';', each optionally carrying profile IDs as <c>flag:id1&amp;id2</c>.
/// What each flag turns on for a SessionS call is Obol.SessionServer's AgentFlags, shared by every agent; the codec
/// only splits them and spots <c>*cdrs</c>.
/// </summary>
public static class KamFlags
{
    public const char Separator = ';';

    /// <summary>On CALL_END the agent also calls ProcessCDR when cgr_flags contains this (substring test).</summary>
    public const string Cdrs = "*cdrs";

    /// <summary>Go's strings.Split: null for an absent field, [""] for an empty one.</summary>
    public static IReadOnlyList<string>? Split(string? cgrFlags) => cgrFlags?.Split(Separator);

    /// <summary>Whether CALL_END must also produce a CDR regardless of kamailio_agent.create_cdr.</summary>
    public static bool RequestsCdr(string? cgrFlags) => cgrFlags is not null && cgrFlags.Contains(Cdrs, StringComparison.Ordinal);
}
