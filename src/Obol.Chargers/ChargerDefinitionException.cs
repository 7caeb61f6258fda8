using Obol.Primitives;

namespace Obol.Chargers;

/// <summary>
/// A charger profile that cannot be compiled, raised when it is loaded or set. The message names the place
/// (<c>Chargers.csv:3</c> or the profile); <see cref="WireError"/> is the API's error string.
/// </summary>
public sealed class ChargerDefinitionException : Exception
{
    private readonly string? _wireError;

    public ChargerDefinitionException()
    {
    }

    public ChargerDefinitionException(string message) : base(message)
    {
    }

    public ChargerDefinitionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ChargerDefinitionException(string message, string wireError) : base(message)
    {
        _wireError = wireError;
    }

    /// <summary><c>MANDATORY_IE_MISSING: [ID]</c>, else <c>SERVER_ERROR: &lt;message&gt;</c>.</summary>
    public string WireError => _wireError ?? ErrorCodes.ServerErrorWith(Message);
}
