namespace Obol.Trends;

/// <summary>A trend or ranking profile that cannot be used: <see cref="Exception.Message"/> names it (with its file and
/// line when it came from a tariff plan), <see cref="WireError"/> is what the API answers.</summary>
public sealed class TrendDefinitionException : Exception
{
    public TrendDefinitionException(string message, string? wireError = null)
        : base(message) => WireError = wireError ?? message;

    public TrendDefinitionException()
        : this("invalid trend definition")
    {
    }

    public TrendDefinitionException(string message, Exception inner)
        : base(message, inner) => WireError = message;

    public string WireError { get; }
}
