using System.Globalization;
using Obol.Accounting;
using Obol.TariffPlans;

namespace Obol.Api.TpRows;

/// <summary>How the row APIs' values are written into and read from a plan's text fields.</summary>
internal static class TpFields
{
    /// <summary>A float64 field as the shortest text that reads back to it ("0.01", "10").</summary>
    public static string Number(decimal value) => AccountJson.FormatPlain(value);

    /// <summary>A float64 field read back; empty or unreadable is 0, as cgr-loader takes it.</summary>
    public static decimal Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0m;

    public static int Int(string text) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A bool field as Go's strconv.ParseBool reads it; anything else is false.</summary>
    public static bool Bool(string text) => FieldText.TryParseGoBool(text, out var value) && value;

    /// <summary>A list field (<c>a;b</c>).</summary>
    public static string List(IEnumerable<string>? values) => values is null ? "" : string.Join(';', values);

    public static string[] List(string text) => FieldText.SplitList(text);
}
