namespace Obol.Filters;

/// <summary>A filter or rule that cannot be compiled; raised when the filter is built, never when an event is checked.</summary>
public sealed class FilterDefinitionException : Exception
{
    public FilterDefinitionException()
    {
    }

    public FilterDefinitionException(string message) : base(message)
    {
    }

    public FilterDefinitionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
