namespace Obol.Rankings;

/// <summary>A ranking profile that cannot be used: <see cref="Exception.Message"/> names it (with its file and line when
/// it came from a tariff plan), <see cref="WireError"/> is what the API answers.</summary>
public sealed class RankingDefinitionException : Exception
{
    public RankingDefinitionException(string message, string? wireError = null)
        : base(message) => WireError = wireError ?? message;

    public RankingDefinitionException()
        : this("invalid ranking definition")
    {
    }

    public RankingDefinitionException(string message, Exception inner)
        : base(message, inner) => WireError = message;

    public string WireError { get; }
}
