using System.Globalization;
using NodaTime;
using Obol.Primitives;

namespace Obol.Accounting.Triggers;

/// <summary>
/// engine.AttrSetActionTrigger: a trigger's group and unique id, and the fields to set on it as the API's
/// <c>ActionTrigger</c> map (<c>ThresholdType</c>, <c>ThresholdValue</c>, <c>Recurrent</c>, <c>MinSleep</c>,
/// <c>BalanceID</c>, <c>BalanceDestinationIds</c>, <c>ActionsID</c>, ...). Values are what JSON gives: string, decimal,
/// bool, a list of them, or null.
/// </summary>
public sealed record ActionTriggerUpdate(string GroupId, string UniqueId, IReadOnlyDictionary<string, object?> Fields)
{
    private static readonly string[] s_required = ["ThresholdType", "ThresholdValue"];

    /// <summary>
    /// UpdateActionTrigger: a new trigger (no ID yet) takes the group and unique id, and needs ThresholdType and
    /// ThresholdValue; an existing one is changed only when the group and unique id given (when given) are its own.
    /// Answers whether it was changed, or Go's error for a value of the wrong kind.
    /// </summary>
    public (bool Updated, string? Error) ApplyTo(ActionTrigger at, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(at);
        if (at.ID.Length == 0)
        {
            if (GroupId.Length == 0)
            {
                return (false, ErrorCodes.MandatoryIeMissingFields("GroupID"));
            }
            var missing = s_required.Where(f => !Fields.ContainsKey(f)).ToArray();
            if (missing.Length > 0)
            {
                return (false, ErrorCodes.MandatoryIeMissingFields(missing));
            }
            at.ID = GroupId;
            if (UniqueId.Length > 0)
            {
                at.UniqueID = UniqueId;
            }
        }
        if ((GroupId.Length > 0 && GroupId != at.ID) || (UniqueId.Length > 0 && UniqueId != at.UniqueID))
        {
            return (false, null);
        }
        try
        {
            Set(at, zone, now);
            return (true, null);
        }
        catch (FormatException e)
        {
            return (true, e.Message);
        }
    }

    private void Set(ActionTrigger at, DateTimeZone zone, Instant now)
    {
        if (Has("ThresholdType", out var type))
        {
            at.ThresholdType = Text(type);
        }
        if (Has("ThresholdValue", out var threshold))
        {
            at.ThresholdValue = Number(threshold);
        }
        if (Has("Recurrent", out var recurrent))
        {
            at.Recurrent = Flag(recurrent);
        }
        if (Has("Executed", out var executed))
        {
            at.Executed = Flag(executed);
        }
        if (Has("MinSleep", out var minSleep))
        {
            at.MinSleep = Duration(minSleep);
        }
        if (Has("ExpirationDate", out var expiry))
        {
            at.ExpirationDate = Time(expiry, zone, now);
        }
        if (Has("ActivationDate", out var activation))
        {
            at.ActivationDate = Time(activation, zone, now);
        }
        var b = at.Balance;
        b = Has("BalanceID", out var id) ? b with { ID = Text(id) } : b;
        b = Has("BalanceType", out var balanceType) ? b with { Type = Text(balanceType) } : b;
        b = Has("BalanceDestinationIds", out var destinations) ? b with { DestinationIDs = Set(destinations) } : b;
        b = Has("BalanceWeight", out var weight) ? b with { Weight = Number(weight) } : b;
        b = Has("BalanceExpirationDate", out var balanceExpiry)
            ? b with { ExpirationDate = Time(balanceExpiry, zone, now), ExpirationDateSet = true }
            : b;
        b = Has("BalanceTimingTags", out var timings) ? b with { TimingIDs = Set(timings) } : b;
        b = Has("BalanceRatingSubject", out var subject) ? b with { RatingSubject = Text(subject) } : b;
        b = Has("BalanceCategories", out var categories) ? b with { Categories = Set(categories) } : b;
        b = Has("BalanceSharedGroups", out var groups) ? b with { SharedGroups = Set(groups) } : b;
        b = Has("BalanceBlocker", out var blocker) ? b with { Blocker = Flag(blocker) } : b;
        b = Has("BalanceDisabled", out var disabled) ? b with { Disabled = Flag(disabled) } : b;
        at.Balance = b;
        if (Has("ActionsID", out var actions))
        {
            at.ActionsId = Text(actions);
        }
        if (Has("Weight", out var triggerWeight))
        {
            at.Weight = Number(triggerWeight);
        }
    }

    private bool Has(string field, out object? value) => Fields.TryGetValue(field, out value);

    // utils.IfaceAsString.
    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool flag => flag ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // utils.IfaceAsFloat64.
    private static decimal Number(object? value) => value switch
    {
        decimal d => d,
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        string s => throw new FormatException($"strconv.ParseFloat: parsing \"{s}\": invalid syntax"),
        _ => throw new FormatException($"cannot convert field: {Text(value)} to float64"),
    };

    // utils.IfaceAsBool.
    private static bool Flag(object? value) => value switch
    {
        bool flag => flag,
        decimal d => d != 0,
        string s when bool.TryParse(s, out var parsed) => parsed,
        string s when s is "1" or "t" or "T" => true,
        string s when s is "0" or "f" or "F" => false,
        string s => throw new FormatException($"strconv.ParseBool: parsing \"{s}\": invalid syntax"),
        _ => throw new FormatException($"cannot convert field: {Text(value)} to bool"),
    };

    // utils.IfaceAsDuration: a number is nanoseconds, a string a Go duration.
    private static Usage Duration(object? value) => value switch
    {
        decimal d => new Usage((long)d),
        string s when Usage.TryParse(s, out var usage) => usage,
        _ => throw new FormatException($"time: invalid duration \"{Text(value)}\""),
    };

    // utils.IfaceAsTime: ParseTimeDetectLayout in the default timezone; Go's zero time is "never".
    private static Instant? Time(object? value, DateTimeZone zone, Instant now)
    {
        if (!GoTime.TryParse(Text(value), zone, now, out var parsed))
        {
            throw new FormatException($"Unsupported time format: {Text(value)}");
        }
        return parsed == GoTime.Zero ? null : parsed.ToInstant();
    }

    // utils.IfaceAsSliceString, then NewStringMap (a leading ! excludes).
    private static StringMap Set(object? value) => value switch
    {
        IEnumerable<object?> items => StringMap.Parse(string.Join(';', items.Select(Text))),
        _ => throw new FormatException($"cannot convert field: {Text(value)} to []string"),
    };
}
