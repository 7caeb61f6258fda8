namespace Obol.Ips;

/// <summary>An IP profile that cannot be used: <see cref="Exception.Message"/> names it (with its file and line when it
/// came from a tariff plan), <see cref="WireError"/> is what the API answers.</summary>
public sealed class IpDefinitionException : Exception
{
    public IpDefinitionException(string message, string? wireError = null)
        : base(message) => WireError = wireError ?? message;

    public IpDefinitionException()
        : this("invalid IP profile")
    {
    }

    public IpDefinitionException(string message, Exception inner)
        : base(message, inner) => WireError = message;

    public string WireError { get; }
}
