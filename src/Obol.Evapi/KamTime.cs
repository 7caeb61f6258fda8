using System.Globalization;

namespace Obol.Evapi;

/// <summary>
/// The part of utils.ParseTimeDetectLayout that can meet a Kamailio field: Unix timestamps in s/ms/µs/ns ($TS and
/// $dlg(start_ts) are seconds), RFC 3339, and the zone-less layouts read in the configured zone.
/// </summary>
public static class KamTime
{
    // RFC 3339 requires the offset; the 'Z' layouts are read as UTC.
    private static readonly string[] s_offsetLayouts =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    private static readonly string[] s_localLayouts = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyyMMddHHmmss"];

    /// <summary>Parses <paramref name="value"/>; empty, "0" and "*unlimited" give Go's zero time (MinValue).</summary>
    /// <exception cref="FormatException">"Unsupported time format", as CGRateS fails the event (e.g. "&lt;null&gt;").</exception>
    public static DateTimeOffset Parse(string? value, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = (value ?? "").Trim();
        if (text is "" or "0" or "*unlimited")
        {
            return DateTimeOffset.MinValue;
        }
        if (IsDigits(text) && text.Length is 10 or 13 or 16 or 19)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new FormatException($"Unix timestamp out of range: \"{value}\"");
            }
            var instant = text.Length switch
            {
                10 => DateTimeOffset.FromUnixTimeSeconds(number),
                13 => DateTimeOffset.FromUnixTimeMilliseconds(number),
                16 => DateTimeOffset.UnixEpoch.AddTicks(number * 10),
                _ => DateTimeOffset.UnixEpoch.AddTicks(number / 100),
            };
            return TimeZoneInfo.ConvertTime(instant, zone);
        }
        if (DateTimeOffset.TryParseExact(text, s_offsetLayouts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                out var withOffset))
        {
            return withOffset;
        }
        if (DateTime.TryParseExact(text, s_localLayouts, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        throw new FormatException($"Unsupported time format: \"{value}\"");
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
