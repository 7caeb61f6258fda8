using System.Globalization;
using System.Text;
using NodaTime;

namespace Obol.Exporters;

/// <summary>
/// Go's <c>time.Time.Format</c> with a reference layout (<c>2006-01-02T15:04:05Z07:00</c>): export templates carry Go
/// layouts, so they are interpreted as Go does, including that a bare <c>Z</c> outside <c>Z07:00</c> is a literal.
/// </summary>
internal static class GoTimeFormat
{
    private static readonly string[] s_longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] s_longMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(ZonedDateTime time, string layout)
    {
        var sb = new StringBuilder(layout.Length + 8);
        var local = time.LocalDateTime;
        var offsetSeconds = time.Offset.Seconds;
        var i = 0;
        while (i < layout.Length)
        {
            var rest = layout.AsSpan(i);
            if (Try(rest, "January", ref i))
            {
                sb.Append(s_longMonths[local.Month - 1]);
            }
            else if (Try(rest, "Jan", ref i))
            {
                sb.Append(s_longMonths[local.Month - 1], 0, 3);
            }
            else if (Try(rest, "Monday", ref i))
            {
                sb.Append(s_longDays[(int)local.DayOfWeek % 7]);
            }
            else if (Try(rest, "Mon", ref i))
            {
                sb.Append(s_longDays[(int)local.DayOfWeek % 7], 0, 3);
            }
            else if (Try(rest, "MST", ref i))
            {
                var name = time.GetZoneInterval().Name;
                // Go prints the abbreviation, or the numeric offset when the zone has none.
                sb.Append(name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) ? name : Offset(offsetSeconds, "-0700"));
            }
            else if (Try(rest, "2006", ref i))
            {
                Pad(sb, local.Year, 4);
            }
            else if (Try(rest, "Z07:00:00", ref i) || Try(rest, "-07:00:00", ref i))
            {
                AppendZone(sb, offsetSeconds, rest[0] == 'Z', "-07:00:00");
            }
            else if (Try(rest, "Z07:00", ref i) || Try(rest, "-07:00", ref i))
            {
                AppendZone(sb, offsetSeconds, rest[0] == 'Z', "-07:00");
            }
            else if (Try(rest, "Z0700", ref i) || Try(rest, "-0700", ref i))
            {
                AppendZone(sb, offsetSeconds, rest[0] == 'Z', "-0700");
            }
            else if (Try(rest, "Z07", ref i) || Try(rest, "-07", ref i))
            {
                AppendZone(sb, offsetSeconds, rest[0] == 'Z', "-07");
            }
            else if (Try(rest, "002", ref i))
            {
                Pad(sb, local.DayOfYear, 3);
            }
            else if (Try(rest, "01", ref i))
            {
                Pad(sb, local.Month, 2);
            }
            else if (Try(rest, "02", ref i))
            {
                Pad(sb, local.Day, 2);
            }
            else if (Try(rest, "_2", ref i))
            {
                sb.Append(local.Day < 10 ? " " : "").Append(local.Day);
            }
            else if (Try(rest, "03", ref i))
            {
                Pad(sb, Hour12(local.Hour), 2);
            }
            else if (Try(rest, "04", ref i))
            {
                Pad(sb, local.Minute, 2);
            }
            else if (Try(rest, "05", ref i))
            {
                Pad(sb, local.Second, 2);
            }
            else if (Try(rest, "06", ref i))
            {
                Pad(sb, local.Year % 100, 2);
            }
            else if (Try(rest, "15", ref i))
            {
                Pad(sb, local.Hour, 2);
            }
            else if (Try(rest, "PM", ref i))
            {
                sb.Append(local.Hour >= 12 ? "PM" : "AM");
            }
            else if (Try(rest, "pm", ref i))
            {
                sb.Append(local.Hour >= 12 ? "pm" : "am");
            }
            else if (rest[0] is '.' or ',' && rest.Length > 1 && rest[1] is '0' or '9' && FractionLength(rest) is var digits and > 0)
            {
                AppendFraction(sb, rest[0], rest[1] == '9', digits, local.NanosecondOfSecond);
                i += 1 + digits;
            }
            else if (Try(rest, "1", ref i))
            {
                sb.Append(local.Month);
            }
            else if (Try(rest, "2", ref i))
            {
                sb.Append(local.Day);
            }
            else if (Try(rest, "3", ref i))
            {
                sb.Append(Hour12(local.Hour));
            }
            else if (Try(rest, "4", ref i))
            {
                sb.Append(local.Minute);
            }
            else if (Try(rest, "5", ref i))
            {
                sb.Append(local.Second);
            }
            else
            {
                sb.Append(rest[0]);
                i++;
            }
        }
        return sb.ToString();
    }

    private static bool Try(ReadOnlySpan<char> rest, string token, ref int i)
    {
        if (!rest.StartsWith(token, StringComparison.Ordinal))
        {
            return false;
        }
        i += token.Length;
        return true;
    }

    private static int Hour12(int hour) => hour % 12 == 0 ? 12 : hour % 12;

    private static void Pad(StringBuilder sb, int value, int width) =>
        sb.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));

    // Go treats ".000"/".999" (any run of one digit) as a fractional-second field only when no digit follows the run.
    private static int FractionLength(ReadOnlySpan<char> rest)
    {
        var digit = rest[1];
        var n = 1;
        while (1 + n < rest.Length && rest[1 + n] == digit)
        {
            n++;
        }
        return 1 + n < rest.Length && char.IsAsciiDigit(rest[1 + n]) ? 0 : Math.Min(n, 9);
    }

    private static void AppendFraction(StringBuilder sb, char separator, bool trimZeros, int digits, int nanos)
    {
        var text = nanos.ToString("D9", CultureInfo.InvariantCulture)[..digits];
        if (trimZeros)
        {
            text = text.TrimEnd('0');
            if (text.Length == 0)
            {
                return;
            }
        }
        sb.Append(separator).Append(text);
    }

    private static void AppendZone(StringBuilder sb, int offsetSeconds, bool zForUtc, string shape)
    {
        if (zForUtc && offsetSeconds == 0)
        {
            sb.Append('Z');
            return;
        }
        sb.Append(Offset(offsetSeconds, shape));
    }

    private static string Offset(int offsetSeconds, string shape)
    {
        var sign = offsetSeconds < 0 ? '-' : '+';
        var abs = Math.Abs(offsetSeconds);
        var hh = (abs / 3600).ToString("D2", CultureInfo.InvariantCulture);
        var mm = (abs / 60 % 60).ToString("D2", CultureInfo.InvariantCulture);
        var ss = (abs % 60).ToString("D2", CultureInfo.InvariantCulture);
        return shape switch
        {
            "-07:00:00" => $"{sign}{hh}:{mm}:{ss}",
            "-07:00" => $"{sign}{hh}:{mm}",
            "-0700" => $"{sign}{hh}{mm}",
            _ => $"{sign}{hh}",
        };
    }
}
