using NodaTime;
using Obol.Primitives;

namespace Obol.Attributes;

/// <summary>
/// utils.Sum, Difference, Multiply and Divide (utils/reflect.go): the type of the first value decides the
/// arithmetic — duration, time, float or integer — and every later value is converted to it. Floats are decimals
/// here, so <c>0.1 + 0.2</c> is <c>0.3</c> where Go prints <c>0.30000000000000004</c>. Go wraps integer overflow
/// and panics on an integer division by zero; both are errors here.
/// </summary>
internal static class GoArithmetic
{
    public const string NotEnoughParameters = "NotEnoughParameters";
    private const string UnsupportedType = "unsupported type";

    /// <summary>Null result with no error is Go's nil (Sum of a first value it has no case for).</summary>
    public static string? Sum(IReadOnlyList<object> items, out object? result)
    {
        result = null;
        if (items.Count < 2)
        {
            return NotEnoughParameters;
        }
        try
        {
            switch (items[0])
            {
                case Usage first:
                    var total = first;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsDuration(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        total += item;
                    }
                    result = total;
                    return null;
                case ZonedDateTime start:
                    var time = start;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsDuration(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        time = time.Plus(Duration.FromNanoseconds(item.Nanoseconds));
                    }
                    result = time;
                    return null;
                case decimal number:
                    var sum = number;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsFloat(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        sum += item;
                    }
                    result = sum;
                    return null;
                case long integer:
                    var isum = integer;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsInt64(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        isum += item;
                    }
                    result = isum;
                    return null;
                default:
                    return null;
            }
        }
        catch (OverflowException)
        {
            return "value out of range";
        }
    }

    public static string? Difference(IReadOnlyList<object> items, out object? result)
    {
        result = null;
        if (items.Count < 2)
        {
            return NotEnoughParameters;
        }
        try
        {
            switch (items[0])
            {
                case Usage first:
                    var rest = first;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsDuration(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        rest -= item;
                    }
                    result = rest;
                    return null;
                case ZonedDateTime start:
                    var time = start;
                    for (var i = 1; i < items.Count; i++)
                    {
                        // Go turns time − time into a duration and recurses with it, where the time that follows can
                        // no longer be converted: any later time is the same error.
                        if (!GoInterfaceValues.TryAsDuration(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        time = time.Minus(Duration.FromNanoseconds(item.Nanoseconds));
                    }
                    result = time;
                    return null;
                case decimal number:
                    var difference = number;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsFloat(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        difference -= item;
                    }
                    result = difference;
                    return null;
                case long integer:
                    var idifference = integer;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsInt64(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        idifference -= item;
                    }
                    result = idifference;
                    return null;
                default:
                    return UnsupportedType;
            }
        }
        catch (OverflowException)
        {
            return "value out of range";
        }
    }

    public static string? Multiply(IReadOnlyList<object> items, out object? result)
    {
        result = null;
        if (items.Count < 2)
        {
            return NotEnoughParameters;
        }
        try
        {
            switch (items[0])
            {
                case decimal number:
                    var product = number;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsFloat(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        product *= item;
                    }
                    result = product;
                    return null;
                case long integer:
                    var iproduct = integer;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsInt64(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        iproduct *= item;
                    }
                    result = iproduct;
                    return null;
                default:
                    return UnsupportedType;
            }
        }
        catch (OverflowException)
        {
            return "value out of range";
        }
    }

    /// <summary>A float division by zero gives Go's <c>+Inf</c>, <c>-Inf</c> or <c>NaN</c> text.</summary>
    public static string? Divide(IReadOnlyList<object> items, out object? result)
    {
        result = null;
        if (items.Count < 2)
        {
            return NotEnoughParameters;
        }
        try
        {
            switch (items[0])
            {
                case decimal number:
                    return DivideFloats(number, items, out result);
                case long integer:
                    var quotient = integer;
                    for (var i = 1; i < items.Count; i++)
                    {
                        if (!GoInterfaceValues.TryAsInt64(items[i], out var item, out var error))
                        {
                            return error;
                        }
                        if (item == 0)
                        {
                            return "runtime error: integer divide by zero";
                        }
                        quotient /= item;
                    }
                    result = quotient;
                    return null;
                default:
                    return UnsupportedType;
            }
        }
        catch (OverflowException)
        {
            return "value out of range";
        }
    }

    private static string? DivideFloats(decimal number, IReadOnlyList<object> items, out object? result)
    {
        result = null;
        var quotient = number;
        // Once a divisor is zero the float64 is ±Inf, or NaN for 0/0; later divisors can only flip the sign.
        var infinite = false;
        var nan = false;
        for (var i = 1; i < items.Count; i++)
        {
            if (!GoInterfaceValues.TryAsFloat(items[i], out var item, out var error))
            {
                return error;
            }
            if (nan)
            {
                continue;
            }
            if (infinite)
            {
                quotient = item < 0 ? -quotient : quotient;
            }
            else if (item != 0)
            {
                quotient /= item;
            }
            else if (quotient == 0)
            {
                nan = true;
            }
            else
            {
                infinite = true;
                quotient = Math.Sign(quotient);
            }
        }
        result = nan ? "NaN" : infinite ? (quotient > 0 ? "+Inf" : "-Inf") : quotient;
        return null;
    }
}
