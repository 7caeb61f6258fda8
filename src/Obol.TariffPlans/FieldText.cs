namespace Obol.TariffPlans;

/// <summary>The string conventions inside tariff-plan fields.</summary>
public static class FieldText
{
    public const char ListSeparator = ';';

    /// <summary>A <c>;</c> list; empty fields give no items. Empty items in the middle are kept, as Go's strings.Split does.</summary>
    public static string[] SplitList(string text) => text.Length == 0 ? [] : text.Split(ListSeparator);

    /// <summary>Go strconv.ParseBool.</summary>
    public static bool TryParseGoBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// engine/filters.go splitDynFltrValues: splits on <paramref name="separator"/> except inside a <c>&lt;...&gt;</c>
    /// dynamic part, so <c>~*req.A;&lt;~*req.B;x&gt;</c> stays two values.
    /// </summary>
    public static string[] SplitFilterValues(string value, char separator)
    {
        var start = value.IndexOf('<', StringComparison.Ordinal);
        var end = value.IndexOf('>', StringComparison.Ordinal);
        // A '>' before the first '<' makes Go panic on the slice; it is plain text here.
        if (start < 0 || end < start)
        {
            return value.Split(separator);
        }
        var values = new List<string>(value[..start].Split(separator));
        values[^1] += value[start..(end + 1)];
        var rest = value[(end + 1)..];
        if (rest.Length == 0)
        {
            return [.. values];
        }
        var tail = SplitFilterValues(rest, separator);
        values[^1] += tail[0];
        for (var i = 1; i < tail.Length; i++)
        {
            values.Add(tail[i]);
        }
        return [.. values];
    }

    /// <summary>
    /// model_helpers.go AsTPChargers: IDs without a <c>*</c> stand alone; consecutive <c>*</c> items (and the items of a
    /// <c>&lt;...&gt;</c> dynamic part) are joined back with <c>;</c> into one inline attribute.
    /// </summary>
    public static void AppendChargerAttributeIds(string text, List<string> into)
    {
        var inline = "";
        var dynamic = false;
        foreach (var item in text.Split(ListSeparator))
        {
            if (!dynamic && !item.StartsWith('*'))
            {
                if (inline.Length != 0)
                {
                    into.Add(inline[1..]);
                    inline = "";
                }
                into.Add(item);
                continue;
            }
            dynamic = dynamic ? !item.Contains('>', StringComparison.Ordinal) : item.Contains('<', StringComparison.Ordinal);
            inline += ListSeparator + item;
        }
        if (inline.Length != 0)
        {
            into.Add(inline[1..]);
        }
    }

    /// <summary>A Timings.csv Time: <c>start[;end]</c>, each <c>HH:MM:SS</c> (any part may be <c>*</c>), empty, or a
    /// <c>*</c> word (<c>*asap</c>, <c>*every_minute</c>...).</summary>
    public static bool IsValidTimingTime(string text)
    {
        var parts = text.Split(ListSeparator);
        if (parts.Length > 2)
        {
            return false;
        }
        foreach (var part in parts)
        {
            if (part.Length != 0 && !IsClock(part) && !(part.StartsWith('*') && PlanVocabulary.BuiltInTimings.Contains(part)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsClock(string text)
    {
        var pieces = text.Split(':');
        if (pieces.Length != 3)
        {
            return false;
        }
        ReadOnlySpan<int> limits = [23, 59, 59];
        for (var i = 0; i < 3; i++)
        {
            var piece = pieces[i];
            if (piece == "*")
            {
                continue;
            }
            if (piece.Length is 0 or > 2
                || !int.TryParse(piece, System.Globalization.NumberStyles.None, null, out var value)
                || value > limits[i])
            {
                return false;
            }
        }
        return true;
    }
}
