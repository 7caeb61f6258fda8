using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Obol.Accounting.Scheduling;

/// <summary>The field grammar of gorhill/cronexpr that CGRateS cron lines can reach.</summary>
internal sealed partial class CronSchedule
{
    /// <summary>A day field: explicit values, <c>L</c>, and whether it restricts at all (<c>*</c> does not).</summary>
    private readonly record struct DayField(int[] Values, bool Last, bool Restricted);

    private static bool TryField(string text, string name, int min, int max, out int[] values, [NotNullWhen(false)] out string? error)
    {
        values = [];
        var set = new SortedSet<int>();
        foreach (var entry in text.Split(','))
        {
            if (!TryEntry(entry, name, min, max, out var first, out var last, out var step, out var all, out error))
            {
                return false;
            }
            if (all)
            {
                // CGRateS parity: cronexpr genericFieldHandler — a wildcard entry wins over the whole list.
                values = [.. Enumerable.Range(min, max - min + 1)];
                return true;
            }
            for (var v = first; v <= last; v += step)
            {
                set.Add(v);
            }
        }
        values = [.. set];
        error = null;
        return true;
    }

    private static bool TryDayField(string text, string name, int min, int max, bool allowLast, out DayField field,
        [NotNullWhen(false)] out string? error)
    {
        field = new DayField([], false, true);
        var set = new SortedSet<int>();
        var last = false;
        foreach (var entry in text.Split(','))
        {
            if (allowLast && (entry == "L" || entry == "l"))
            {
                last = true;
                continue;
            }
            if (!TryEntry(entry, name, min, max, out var first, out var end, out var step, out var all, out error))
            {
                return false;
            }
            if (all)
            {
                // CGRateS parity: cronexpr domFieldHandler/dowFieldHandler — '*' lifts the restriction.
                field = field with { Restricted = false };
                (first, end, step) = (min, max, 1);
            }
            for (var v = first; v <= end; v += step)
            {
                set.Add(v);
            }
        }
        field = field with { Values = [.. set], Last = last };
        error = null;
        return true;
    }

    private static bool TryEntry(string entry, string name, int min, int max, out int first, out int last, out int step, out bool all,
        [NotNullWhen(false)] out string? error)
    {
        (first, last, step, all) = (min, max, 1, false);
        error = null;
        var range = entry;
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            range = entry[..slash];
            if (!int.TryParse(entry.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > max)
            {
                error = $"invalid interval \"{entry}\" in {name} field";
                return false;
            }
        }
        if (range is "*" or "?")
        {
            all = slash < 0;
            return true;
        }
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            if (TryValue(range[..dash], min, max, out first) && TryValue(range[(dash + 1)..], min, max, out last))
            {
                return true;
            }
        }
        else if (TryValue(range, min, max, out first))
        {
            // "5/2" runs from 5 to the maximum; a bare "5" is that value alone.
            last = slash >= 0 ? max : first;
            return true;
        }
        error = $"syntax error in {name} field: \"{entry}\"";
        return false;
    }

    private static bool TryValue(string text, int min, int max, out int value)
    {
        // cronexpr's value patterns: one or two digits (a leading zero allowed), four for years.
        var width = min >= 1000 ? 4 : 2;
        value = 0;
        return text.Length >= 1 && text.Length <= width && (width == 2 || text.Length == 4)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
