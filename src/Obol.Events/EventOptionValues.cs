using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Obol.Events;

/// <summary>utils.Get*Opts: an APIOpts value when the event carries it, else the configured default; a value of
/// the wrong kind is an error in Go's words.</summary>
public static class EventOptionValues
{
    public static bool TryGetStringList(CgrEvent ev, string option, IReadOnlyList<string> fallback,
        out IReadOnlyList<string> value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        value = fallback;
        if (!ev.ApiOpts.TryGetValue(option, out var raw))
        {
            return true;
        }
        switch (raw)
        {
            case null:
                value = [];
                return true;
            case IReadOnlyList<string> strings:
                value = strings;
                return true;
            case string text:
                error = $"cannot convert field: {text} to []string";
                return false;
            case IEnumerable items:
                value = [.. items.Cast<object?>().Select(EventValues.AsString)];
                return true;
            default:
                error = $"cannot convert field: {raw.GetType().Name} to []string";
                return false;
        }
    }

    public static bool TryGetBool(CgrEvent ev, string option, bool fallback, out bool value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        value = fallback;
        return !ev.ApiOpts.TryGetValue(option, out var raw) || EventValues.TryAsBool(raw, out value, out error);
    }

    public static bool TryGetInt(CgrEvent ev, string option, int fallback, out int value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        value = fallback;
        if (!ev.ApiOpts.TryGetValue(option, out var raw))
        {
            return true;
        }
        if (!EventValues.TryAsDecimal(raw, out var number, out error))
        {
            return false;
        }
        if (number != decimal.Truncate(number) || number is < int.MinValue or > int.MaxValue)
        {
            error = $"cannot convert field: {EventValues.AsString(raw)} to int";
            return false;
        }
        value = (int)number;
        return true;
    }
}
