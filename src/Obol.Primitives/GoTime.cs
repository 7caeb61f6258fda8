using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Obol.Primitives;

/// <summary>
/// CGRateS's <c>ParseTimeDetectLayout</c> (utils/coreutils.go:211): one string, many layouts. The result keeps the
/// zone the layout implies — a Go <c>time.Time</c> carries its location, and rating timings are evaluated in it —
/// so <c>2014-08-04T13:00:00Z</c> is UTC while <c>2014-08-04 13:00:00</c> is wall time in the default zone.
/// An empty string, <c>0</c> and <c>*unlimited</c> give <see cref="Zero"/> (Go's zero time).
/// </summary>
public static partial class GoTime
{
    /// <summary>Go's zero <c>time.Time</c>, 0001-01-01T00:00:00Z.</summary>
    public static readonly ZonedDateTime Zero = new LocalDateTime(1, 1, 1, 0, 0).InUtc();

    private static readonly OffsetDateTimePattern s_rfc3339 = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss;FFFFFFFFFo<Z+HH:mm>");
    private static readonly OffsetDateTimePattern s_asterisk = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss;FFFFFFFFFo<+HHmm>");
    private static readonly OffsetDateTimePattern s_goString = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss;FFFFFFFFF o<+HHmm>");
    private static readonly LocalDateTimePattern s_sql = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");
    private static readonly LocalDateTimePattern s_utcFormat = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss");
    private static readonly LocalDateTimePattern s_oneLine = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMddHHmmss");
    private static readonly LocalDateTimePattern s_oneSpace = LocalDateTimePattern.CreateWithInvariantCulture("dd.MM.uuuu  HH:mm:ss");
    private static readonly LocalDateTimePattern s_eamon = LocalDateTimePattern.CreateWithInvariantCulture("dd/MM/uuuu HH:mm:ss");
    private static readonly LocalDateTimePattern s_broadsoft = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMddHHmmss.FFF");

    /// <summary>Parses <paramref name="text"/>; relative forms (<c>*now</c>, <c>+1h</c>, <c>*daily</c>...) count from
    /// <paramref name="now"/>; zone-less layouts are read as wall time in <paramref name="zone"/>.</summary>
    public static bool TryParse(string? text, DateTimeZone zone, Instant now, out ZonedDateTime result)
    {
        result = Zero;
        var s = (text ?? "").Trim();
        if (s.Length == 0 || s == Meta.Unlimited || s == "0")
        {
            return true;
        }
        var nowLocal = now.InZone(zone);
        switch (s)
        {
            case "*now":
                result = nowLocal;
                return true;
            case "*daily":
                result = AddCalendar(nowLocal, Period.FromDays(1));
                return true;
            case "*monthly":
                result = AddCalendar(nowLocal, Period.FromMonths(1));
                return true;
            case "*yearly":
                result = AddCalendar(nowLocal, Period.FromYears(1));
                return true;
            case "*monthly_estimated":
                result = AddCalendar(nowLocal, Period.FromMonths(1));
                return true;
        }
        if (s.StartsWith("*month_end", StringComparison.Ordinal))
        {
            var date = nowLocal.Date;
            var endOfMonth = new LocalDate(date.Year, date.Month, date.Calendar.GetDaysInMonth(date.Year, date.Month)).At(new LocalTime(23, 59, 59));
            if (!TryExtraDuration(s, "*month_end".Length, out var extra))
            {
                return false;
            }
            result = endOfMonth.InZoneLeniently(zone).Plus(extra);
            return true;
        }
        if (s.StartsWith("*mo", StringComparison.Ordinal))
        {
            if (!TryExtraDuration(s, s.IndexOf('+', StringComparison.Ordinal) is var p and >= 0 ? p : s.Length, out var extra))
            {
                return false;
            }
            result = AddCalendar(nowLocal, Period.FromMonths(1)).Plus(extra);
            return true;
        }
        if (s[0] is '+' or '-')
        {
            if (!Usage.TryParse(s.AsSpan(1), out var offset) || s.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
            {
                return false;
            }
            var d = Duration.FromNanoseconds(offset.Nanoseconds);
            result = (s[0] == '+' ? now + d : now - d).InZone(zone);
            return true;
        }
        if (TryOffsetPattern(s_rfc3339, s, out result) || TryOffsetPattern(s_asterisk, s, out result))
        {
            return true;
        }
        if (GoStringRule().IsMatch(s))
        {
            // "2006-01-02 15:04:05.999999999 -0700 MST": the trailing zone name is informational.
            var lastSpace = s.LastIndexOf(' ');
            return TryOffsetPattern(s_goString, s[..lastSpace], out result);
        }
        if (TryLocal(s_sql, s, zone, out result))
        {
            return true;
        }
        if (FsTimestampRule().IsMatch(s))
        {
            // FreeSWITCH micro-timestamps (16 digits).
            result = Instant.FromUnixTimeTicks(0).Plus(Duration.FromNanoseconds(long.Parse(s, CultureInfo.InvariantCulture) * 1000)).InZone(zone);
            return true;
        }
        if (UnixRule().IsMatch(s) && long.TryParse(s, CultureInfo.InvariantCulture, out var unix))
        {
            result = (s.Length switch
            {
                <= 10 => Instant.FromUnixTimeSeconds(unix),
                <= 13 => Instant.FromUnixTimeMilliseconds(unix),
                _ => Instant.FromUnixTimeTicks(0).Plus(Duration.FromNanoseconds(unix)),
            }).InZone(zone);
            return true;
        }
        return TryLocal(s_oneLine, s, zone, out result)
            || TryLocal(s_oneSpace, s, zone, out result)
            || TryLocal(s_eamon, s, zone, out result)
            || TryLocal(s_broadsoft, s, zone, out result)
            || TryLocal(s_utcFormat, s, zone, out result);
    }

    /// <summary>Go's <c>time.Time.AddDate</c>, which overflows days into the next month (Jan 31 + 1 month = Mar 3).</summary>
    public static ZonedDateTime AddCalendar(ZonedDateTime start, Period period)
    {
        var local = start.LocalDateTime;
        var monthsTotal = (local.Year * 12) + (local.Month - 1) + (int)period.Months + ((int)period.Years * 12);
        var year = monthsTotal / 12;
        var month = (monthsTotal % 12) + 1;
        var firstOfMonth = new LocalDate(year, month, 1);
        var date = firstOfMonth.PlusDays(local.Day - 1 + (int)period.Days);
        return date.At(local.TimeOfDay).InZoneLeniently(start.Zone);
    }

    private static bool TryExtraDuration(string s, int start, out Duration extra)
    {
        extra = Duration.Zero;
        var plus = s.IndexOf('+', start);
        if (plus < 0)
        {
            return start >= s.Length || s[start..].Length == 0 || s.Length == start;
        }
        if (!Usage.TryParse(s.AsSpan(plus + 1), out var usage))
        {
            return false;
        }
        extra = Duration.FromNanoseconds(usage.Nanoseconds);
        return true;
    }

    private static bool TryOffsetPattern(OffsetDateTimePattern pattern, string s, out ZonedDateTime result)
    {
        var parsed = pattern.Parse(s);
        if (!parsed.Success)
        {
            result = Zero;
            return false;
        }
        var value = parsed.Value;
        var zone = value.Offset == Offset.Zero ? DateTimeZone.Utc : DateTimeZone.ForOffset(value.Offset);
        result = value.InZone(zone);
        return true;
    }

    private static bool TryLocal(LocalDateTimePattern pattern, string s, DateTimeZone zone, out ZonedDateTime result)
    {
        var parsed = pattern.Parse(s);
        if (!parsed.Success)
        {
            result = Zero;
            return false;
        }
        result = parsed.Value.InZoneLeniently(zone);
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? [+-]\d{4} [+-]?[A-Za-z0-9]+$")]
    private static partial Regex GoStringRule();

    [GeneratedRegex(@"^\d{16}$")]
    private static partial Regex FsTimestampRule();

    [GeneratedRegex(@"^\d{10}$|^\d{13}$|^\d{19}$")]
    private static partial Regex UnixRule();
}
