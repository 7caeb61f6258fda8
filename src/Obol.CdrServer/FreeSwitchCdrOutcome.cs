namespace Obol.CdrServer;

/// <summary>What became of a posted FreeSWITCH JSON CDR.</summary>
public enum FreeSwitchCdrOutcome
{
    /// <summary>Rated and stored as the flags say.</summary>
    Processed,

    /// <summary>Already stored (a retried post): nothing charged or stored again.</summary>
    Duplicate,

    /// <summary>Not a JSON object, or a variable that does not convert; posting it again cannot help.</summary>
    Malformed,

    /// <summary>Processing failed; a later retry may succeed.</summary>
    Failed,
}
