using NodaTime;
using NodaTime.Text;
using Obol.Primitives;

namespace Obol.Attributes;

/// <summary>engine/attributes.go ParseAttribute: the value one attribute writes, as the text CGRateS stores.</summary>
public sealed partial class AttributeSubstitution
{
    private static readonly OffsetDateTimePattern s_rfc3339 = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<Z+HH:mm>");

    /// <summary>Null on success with the substitute in <paramref name="substitute"/>; else CGRateS's error text
    /// (<c>NOT_FOUND</c> when a rule reads a missing field).</summary>
    internal string? Evaluate(in AttributeContext context, out string substitute)
    {
        substitute = "";
        switch (Type)
        {
            case SubstitutionType.None:
                return null;
            case SubstitutionType.Constant:
                return Values.EvaluateConstant(context, out substitute);
            case SubstitutionType.Variable or SubstitutionType.Composed:
                return Values.Evaluate(context, out substitute);
            case SubstitutionType.UsageDifference:
                return UsageDifference(context, out substitute);
            case SubstitutionType.Sum or SubstitutionType.Difference or SubstitutionType.Multiply or SubstitutionType.Divide:
                return Arithmetic(context, out substitute);
            case SubstitutionType.ValueExponent:
                return ValueExponent(context, out substitute);
            case SubstitutionType.UnixTimestamp or SubstitutionType.DateTime:
                return TimeValue(context, out substitute);
            case SubstitutionType.Prefix or SubstitutionType.Suffix:
                return Affix(context, out substitute);
            case SubstitutionType.CcUsage:
                return CcUsage(context, out substitute);
            case SubstitutionType.SipCid:
                return SipCid(context, out substitute);
            default:
                throw new System.Diagnostics.UnreachableException($"internal bug: substitution type {Type} has no evaluation");
        }
    }

    private string? UsageDifference(in AttributeContext context, out string substitute)
    {
        substitute = "";
        if (Values[0].Evaluate(context, out var endText) is { } endError)
        {
            return endError;
        }
        if (Values[1].Evaluate(context, out var startText) is { } startError)
        {
            return startError;
        }
        // Go parses both with an empty timezone name, which time.LoadLocation reads as UTC.
        if (!GoTime.TryParse(endText, DateTimeZone.Utc, context.Now, out var end) ||
            !GoTime.TryParse(startText, DateTimeZone.Utc, context.Now, out var start))
        {
            return "Unsupported time format";
        }
        substitute = new Usage(SaturatedNanoseconds(end.ToInstant() - start.ToInstant())).ToString();
        return null;
    }

    private string? Arithmetic(in AttributeContext context, out string substitute)
    {
        substitute = "";
        if (Values.EvaluateEach(context, out var items) is { } readError)
        {
            return readError;
        }
        object? result;
        var error = Type switch
        {
            SubstitutionType.Sum => GoArithmetic.Sum(items, out result),
            SubstitutionType.Difference => GoArithmetic.Difference(items, out result),
            SubstitutionType.Multiply => GoArithmetic.Multiply(items, out result),
            _ => GoArithmetic.Divide(items, out result),
        };
        if (error is not null)
        {
            return error;
        }
        substitute = GoInterfaceValues.AsString(result);
        return null;
    }

    private string? ValueExponent(in AttributeContext context, out string substitute)
    {
        substitute = "";
        if (Values[0].Evaluate(context, out var valueText) is { } valueError)
        {
            return valueError;
        }
        if (!GoInterfaceValues.TryParseGoFloat(valueText, out var value))
        {
            return $"invalid value <{valueText}> to {SubstitutionTypes.MetaValueExponent}";
        }
        if (Values[1].Evaluate(context, out var exponentText) is { } exponentError)
        {
            return exponentError;
        }
        if (!GoInterfaceValues.TryParseGoInt32(exponentText, out var exponent))
        {
            return $"strconv.Atoi: parsing \"{exponentText}\": invalid syntax";
        }
        try
        {
            var scaled = value;
            for (var i = 0; i < Math.Abs(exponent) && scaled != 0; i++)
            {
                scaled = exponent > 0 ? scaled * 10 : scaled / 10;
            }
            substitute = GoInterfaceValues.FormatFloat(Rounding.Round(scaled, context.RoundingDecimals, RoundingMethod.Middle));
            return null;
        }
        catch (OverflowException)
        {
            return $"value <{valueText}> times 10^{exponent} is out of range";
        }
    }

    private string? TimeValue(in AttributeContext context, out string substitute)
    {
        substitute = "";
        if (Values.Evaluate(context, out var text) is { } error)
        {
            return error;
        }
        if (!GoTime.TryParse(text, context.Zone, context.Now, out var time))
        {
            return "Unsupported time format";
        }
        substitute = Type == SubstitutionType.UnixTimestamp
            ? time.ToInstant().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : s_rfc3339.Format(time.ToOffsetDateTime());
        return null;
    }

    private string? Affix(in AttributeContext context, out string substitute)
    {
        substitute = "";
        if (PathValue!.Evaluate(context, out var current) is { } pathError)
        {
            return pathError;
        }
        if (Values.Evaluate(context, out var affix) is { } valueError)
        {
            return valueError;
        }
        substitute = Type == SubstitutionType.Prefix ? affix + current : current + affix;
        return null;
    }

    private string? CcUsage(in AttributeContext context, out string substitute)
    {
        substitute = "";
        if (Values[0].Evaluate(context, out var requestText) is { } requestError)
        {
            return requestError;
        }
        if (!GoInterfaceValues.TryParseGoInt(requestText, out var requestNumber))
        {
            return $"invalid requestNumber <{requestText}> to {SubstitutionTypes.MetaCcUsage}";
        }
        if (Values[1].Evaluate(context, out var usedText) is { } usedError)
        {
            return usedError;
        }
        if (!Usage.TryParse(usedText, out var used))
        {
            return $"invalid usedCCTime <{usedText}> to {SubstitutionTypes.MetaCcUsage}";
        }
        if (Values[2].Evaluate(context, out var intervalText) is { } intervalError)
        {
            return intervalError;
        }
        if (!Usage.TryParse(intervalText, out var interval))
        {
            return $"invalid debitInterval <{intervalText}> to {SubstitutionTypes.MetaCcUsage}";
        }
        // The terminate request repeats the last update's count; the initial one (0 or 1) debits nothing yet.
        requestNumber = Math.Max(requestNumber - 1, 0);
        try
        {
            substitute = GoInterfaceValues.AsString(used + (interval * requestNumber));
            return null;
        }
        catch (OverflowException)
        {
            return $"{SubstitutionTypes.MetaCcUsage} usage out of range";
        }
    }

    private string? SipCid(in AttributeContext context, out string substitute)
    {
        substitute = "";
        if (Values[0].Evaluate(context, out var first) is { } firstError)
        {
            return firstError;
        }
        var rest = new List<string>(Values.Count - 1);
        for (var i = 1; i < Values.Count; i++)
        {
            var error = Values[i].Evaluate(context, out var part);
            if (error is not null && error != ErrorCodes.NotFound)
            {
                return error;
            }
            if (error is null && part.Length != 0)
            {
                rest.Add(part);
            }
        }
        rest.Sort(StringComparer.Ordinal);
        rest.Insert(0, first);
        substitute = string.Join(';', rest);
        return null;
    }

    // Go's Time.Sub saturates at the duration limits instead of overflowing.
    private static long SaturatedNanoseconds(Duration duration)
    {
        var nanoseconds = duration.ToBigIntegerNanoseconds();
        return nanoseconds > long.MaxValue ? long.MaxValue : nanoseconds < long.MinValue ? long.MinValue : (long)nanoseconds;
    }
}
