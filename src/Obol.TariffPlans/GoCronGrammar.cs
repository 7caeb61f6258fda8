using System.Globalization;
using NodaTime;
using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>
/// The grammar of the Schedule of trend and ranking profiles, robfig/cron v3's standard parser (cgrates/cron): an
/// optional <c>CRON_TZ=</c>/<c>TZ=</c> zone, then five fields (minute hour day-of-month month day-of-week) or a
/// descriptor (<c>@daily</c>, <c>@every 15m</c>...). CGRateS checks a schedule only when it schedules the query, where a
/// bad one is a log line and a query that never runs; Obol checks it here, for the loader's rows and the API's profiles
/// alike (Obol.Scheduling computes the runs of what passes).
/// </summary>
public static class GoCronGrammar
{
    private const string Every = "@every ";

    private static readonly string[] s_descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
    private static readonly string[] s_months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] s_weekDays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static readonly FieldBounds[] s_fields =
    [
        new("minute", 0, 59, null),
        new("hour", 0, 23, null),
        new("day of month", 1, 31, null),
        new("month", 1, 12, s_months),
        new("day of week", 0, 6, s_weekDays),
    ];

    /// <summary>Why the cron parser would refuse <paramref name="spec"/>; null when it takes it.</summary>
    public static string? Problem(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Length == 0)
        {
            return "empty schedule";
        }
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                return "a time zone needs a schedule after it";
            }
            var zone = spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            // time.LoadLocation: empty and "UTC" are UTC, "Local" the host's zone, anything else an IANA name.
            if (zone.Length != 0 && zone is not ("UTC" or "Local") && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
            {
                return $"unknown time zone \"{zone}\"";
            }
            spec = spec[space..].Trim();
        }
        if (spec.StartsWith('@'))
        {
            return DescriptorProblem(spec);
        }
        var fields = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != s_fields.Length)
        {
            return $"expected {s_fields.Length} fields (minute hour day-of-month month day-of-week) or a descriptor, found {fields.Length}";
        }
        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var range in fields[i].Split(','))
            {
                if (RangeProblem(range, s_fields[i]) is { } problem)
                {
                    return $"{s_fields[i].Name} \"{range}\": {problem}";
                }
            }
        }
        return null;
    }

    private static string? DescriptorProblem(string spec)
    {
        if (s_descriptors.Contains(spec, StringComparer.Ordinal))
        {
            return null;
        }
        if (!spec.StartsWith(Every, StringComparison.Ordinal))
        {
            return $"unknown descriptor \"{spec}\"";
        }
        return IsGoDuration(spec[Every.Length..]) ? null : $"invalid duration \"{spec[Every.Length..]}\" after @every";
    }

    /// <summary>Go's time.ParseDuration: what Usage reads, less its extras (blanks, bare nanoseconds, *unlimited).</summary>
    private static bool IsGoDuration(string text)
    {
        if (text.Length == 0 || text.Trim().Length != text.Length || text == Meta.Unlimited)
        {
            return false;
        }
        // Go needs a unit after every number but a lone zero.
        if (char.IsAsciiDigit(text[^1]) && text.TrimStart('+', '-') != "0")
        {
            return false;
        }
        return Usage.TryParse(text, out _);
    }

    /// <summary>One comma-separated piece: <c>*</c> or <c>?</c>, a value or <c>low-high</c>, then an optional <c>/step</c>
    /// (a lone value with a step runs to the field's maximum).</summary>
    private static string? RangeProblem(string range, FieldBounds field)
    {
        var stepParts = range.Split('/');
        if (stepParts.Length > 2)
        {
            return "too many slashes";
        }
        var ends = stepParts[0].Split('-');
        int low, high;
        if (ends[0] is "*" or "?")
        {
            (low, high) = (field.Min, field.Max);
        }
        else
        {
            if (ends.Length > 2)
            {
                return "too many hyphens";
            }
            if (!TryValue(ends[0], field, out low))
            {
                return $"\"{ends[0]}\" is not a number";
            }
            high = low;
            if (ends.Length == 2 && !TryValue(ends[1], field, out high))
            {
                return $"\"{ends[1]}\" is not a number";
            }
        }
        if (stepParts.Length == 2)
        {
            if (!TryNumber(stepParts[1], out var step) || step == 0)
            {
                return "the step must be a positive number";
            }
            if (ends.Length == 1)
            {
                high = field.Max;
            }
        }
        if (low < field.Min || high > field.Max)
        {
            return $"out of range {field.Min}-{field.Max}";
        }
        return low > high ? "the range starts after its end" : null;
    }

    private static bool TryValue(string text, FieldBounds field, out int value)
    {
        if (field.Names is { } names)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                // Month names count from 1 (jan), week days from 0 (sun): each list starts at its field's minimum.
                value = field.Min + index;
                return true;
            }
        }
        return TryNumber(text, out value);
    }

    // strconv.Atoi takes a sign; the parser then refuses a negative number.
    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= 0;

    private sealed record FieldBounds(string Name, int Min, int Max, string[]? Names);
}
