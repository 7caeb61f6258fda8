using Obol.Primitives;

namespace Obol.Attributes;

/// <summary>
/// An attribute profile that cannot be compiled. Raised when the profile is loaded or set, never while an event is
/// processed. The message names the place (<c>Attributes.csv:7</c> or the profile and attribute);
/// <see cref="WireError"/> is what CGRateS's API would answer for the same input.
/// </summary>
public sealed class AttributeDefinitionException : Exception
{
    public AttributeDefinitionException()
    {
    }

    public AttributeDefinitionException(string message) : base(message)
    {
    }

    public AttributeDefinitionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public AttributeDefinitionException(string message, string wireError) : base(message)
    {
        _wireError = wireError;
    }

    private readonly string? _wireError;

    /// <summary>The API error string (<c>MANDATORY_IE_MISSING: [Path]</c>, else <c>SERVER_ERROR: &lt;message&gt;</c>).</summary>
    public string WireError => _wireError ?? ErrorCodes.ServerErrorWith(Message);
}
