using System.Globalization;
using NodaTime;

namespace Obol.Primitives;

public static partial class GoTime
{
    /// <summary>Go's time.LoadLocation: "" and "UTC" are UTC, "Local" the system zone, otherwise an IANA name; null
    /// for a name it does not know.</summary>
    public static DateTimeZone? LoadLocation(string timezone) => timezone switch
    {
        "" or "UTC" => DateTimeZone.Utc,
        "Local" => DateTimeZoneProviders.Tzdb.GetSystemDefault(),
        _ => DateTimeZoneProviders.Tzdb.GetZoneOrNull(timezone),
    };

    /// <summary>Go's <c>time.Time.String()</c> of a time without a monotonic reading:
    /// <c>2006-01-02 15:04:05.999999999 -0700 MST</c>, the fraction's trailing zeros dropped.</summary>
    public static string ToGoString(ZonedDateTime time)
    {
        var nanos = time.NanosecondOfSecond;
        var fraction = nanos == 0 ? "" : "." + nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        var offset = time.Offset.Seconds;
        var sign = offset < 0 ? '-' : '+';
        offset = Math.Abs(offset);
        return string.Create(CultureInfo.InvariantCulture,
            $"{time.Year:0000}-{time.Month:00}-{time.Day:00} {time.Hour:00}:{time.Minute:00}:{time.Second:00}{fraction} {sign}{offset / 3600:00}{offset / 60 % 60:00} {time.GetZoneInterval().Name}");
    }
}
