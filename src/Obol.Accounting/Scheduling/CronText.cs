using System.Globalization;

namespace Obol.Accounting.Scheduling;

/// <summary>
/// The seven-field cron line (<c>sec min hour monthday month weekday year</c>) CGRateS derives from a timing
/// (CGRateS parity: engine/rateinterval.go RITiming.CronString).
/// </summary>
internal static class CronText
{
    public const string EveryMinute = "*every_minute";
    public const string Hourly = "*hourly";

    public static string Format(string startTime, IReadOnlyList<int> years, IReadOnlyList<int> months,
        IReadOnlyList<int> monthDays, IReadOnlyList<int> weekDays)
    {
        string hour, min, sec;
        switch (startTime)
        {
            case "":
                (hour, min, sec) = ("*", "*", "*");
                break;
            case EveryMinute:
                (hour, min, sec) = ("*", "*", "0");
                break;
            case Hourly:
                (hour, min, sec) = ("*", "0", "0");
                break;
            default:
                // Anything that is not three ':' parts (a *word, "223000") runs every second in CGRateS.
                var hms = startTime.Split(':');
                (hour, min, sec) = hms.Length == 3 ? (TrimZero(hms[0]), TrimZero(hms[1]), TrimZero(hms[2])) : ("*", "*", "*");
                break;
        }
        var monthDay = Join(monthDays);
        if (monthDay == "-1")
        {
            monthDay = "L";
        }
        return string.Join(' ', sec, min, hour, monthDay, Join(months), Join(weekDays), Join(years));
    }

    private static string TrimZero(string part) => part.Length > 1 && part[0] == '0' ? part[1..] : part;

    private static string Join(IReadOnlyList<int> values) =>
        values.Count == 0 ? "*" : string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
