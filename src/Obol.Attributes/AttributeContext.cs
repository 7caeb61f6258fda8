using NodaTime;
using Obol.Filters;

namespace Obol.Attributes;

/// <summary>
/// What a substitution reads while an event is processed (CGRateS's dynamicDP over the event namespace): the
/// event data, the tenant and time, and the settings that shape values. A struct passed by <c>in</c>.
/// </summary>
internal readonly struct AttributeContext(IDataProvider data, string tenant, Instant now, FilterEnvironment environment, int roundingDecimals)
{
    public Instant Now { get; } = now;

    /// <summary>general.default_timezone, for times without a zone.</summary>
    public DateTimeZone Zone => environment.Zone;

    /// <summary>general.rounding_decimals, used by <c>*value_exponent</c>.</summary>
    public int RoundingDecimals { get; } = roundingDecimals;

    /// <summary>False with a null error when the field is missing; false with an error when reading it failed
    /// (e.g. a <c>*accounts</c> path with no account source).</summary>
    public bool TryGetField(ReadOnlySpan<string> path, out object? value, out string? error)
    {
        error = null;
        try
        {
            return new EvaluationContext(data, tenant, Now, environment).TryGetField(path, out value);
        }
        catch (FilterEvaluationException e)
        {
            value = null;
            error = e.Message;
            return false;
        }
    }
}
