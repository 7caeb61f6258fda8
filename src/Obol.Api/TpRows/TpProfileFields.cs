namespace Obol.Api.TpRows;

/// <summary>
/// How profile rows merge into their API shape and back (engine/model_helpers.go As…/APItoModel…). CGRateS merges
/// ID lists into a utils.StringSet, whose Go map order is random; first-seen order is kept here instead, so replies
/// are deterministic. A list no row filled stays null, as a nil set's AsSlice does.
/// </summary>
internal static class TpProfileFields
{
    /// <summary>An ActivationInterval field: <c>start</c>, <c>start;end</c> or <c>;end</c>; empty when null.</summary>
    public static string ActivationText(ApiTpActivationInterval? interval)
    {
        if (interval is null)
        {
            return "";
        }
        var text = interval.ActivationTime ?? "";
        return string.IsNullOrEmpty(interval.ExpiryTime) ? text : text + ";" + interval.ExpiryTime;
    }

    /// <summary>A non-empty ActivationInterval field read back; any other piece count gives an empty interval, as
    /// CGRateS leaves it.</summary>
    public static ApiTpActivationInterval? Activation(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var parts = text.Split(';');
        return parts.Length switch
        {
            1 => new(parts[0], ""),
            2 => new(parts[0], parts[1]),
            _ => new("", ""),
        };
    }

    /// <summary>Adds the items of a <c>;</c> list field not yet in <paramref name="set"/>.</summary>
    public static void AddDistinct(ref List<string>? set, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        set ??= [];
        foreach (var item in text.Split(';'))
        {
            // Profiles have a handful of IDs: a linear scan beats hashing here.
            if (!set.Contains(item))
            {
                set.Add(item);
            }
        }
    }

    /// <summary>Appends every item of a <c>;</c> list field, duplicates kept (route and metric sub-lists).</summary>
    public static void AddAll(ref List<string>? list, string text)
    {
        if (text.Length != 0)
        {
            (list ??= []).AddRange(text.Split(';'));
        }
    }
}
