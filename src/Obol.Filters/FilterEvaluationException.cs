namespace Obol.Filters;

/// <summary>An event-time failure CGRateS reports as the error of Pass (incomparable values, an unreachable subsystem).</summary>
public sealed class FilterEvaluationException : Exception
{
    public FilterEvaluationException()
    {
    }

    public FilterEvaluationException(string message) : base(message)
    {
    }

    public FilterEvaluationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
