using System.Globalization;
using System.Text.Json;
using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>The balance value columns of Actions.csv and ActionTriggers.csv, where empty and <c>*any</c> mean "unset".</summary>
internal static class BalanceValues
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// utils.ParseBalanceFilterValue: a duration for <c>*voice</c> (a bare number is nanoseconds), a number otherwise,
    /// or a JSON value formula such as <c>{"Method":"*incremental","Params":{...}}</c>.
    /// </summary>
    public static bool IsUnits(string text, string balanceType)
    {
        if (text.Length == 0 || text == Meta.Any)
        {
            return true;
        }
        // A fractional bare number is still nanoseconds for *voice ("1.5" reads as "1.5ns").
        if (IsDecimal(text) || (balanceType == Meta.Voice && Usage.TryParse(text, out _)))
        {
            return true;
        }
        return IsValueFormula(text);
    }

    /// <summary>utils.BalanceWeightAsFloat64, which also takes <c>*time_desc</c> and <c>*time_asc</c>.</summary>
    public static bool IsWeight(string text) => text.Length == 0 || text is Meta.Any or "*time_desc" or "*time_asc" || IsDecimal(text);

    private static bool IsDecimal(string text) => decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out _);

    private static bool IsValueFormula(string text)
    {
        if (!text.StartsWith('{'))
        {
            return false;
        }
        // Formulas are rare and only a malformed one throws, so the exception stays off the normal path.
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
