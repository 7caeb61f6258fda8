namespace Obol.Dispatchers;

/// <summary>A dispatcher profile or host that cannot be used: <see cref="Exception.Message"/> names it (with its
/// file and line when it came from a tariff plan), <see cref="WireError"/> is what the API answers.</summary>
public sealed class DispatcherDefinitionException : Exception
{
    public DispatcherDefinitionException(string message, string? wireError = null)
        : base(message) => WireError = wireError ?? message;

    public DispatcherDefinitionException(string message, Exception inner)
        : base(message, inner) => WireError = message;

    public DispatcherDefinitionException()
        : this("invalid dispatcher definition")
    {
    }

    public DispatcherDefinitionException(string message, string wireError, Exception? inner)
        : base(message, inner) => WireError = wireError;

    public string WireError { get; }
}
