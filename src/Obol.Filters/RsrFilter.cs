using System.Text.RegularExpressions;
using NodaTime;

namespace Obol.Filters;

/// <summary>
/// utils.RSRFilter, the value syntax of <c>*rsr</c> rules: <c>~regex</c>, <c>^prefix</c>, <c>suffix$</c>,
/// <c>^exact$</c>, <c>^$</c> (empty), <c>&gt;=n</c>, <c>&lt;=n</c>, <c>&gt;n</c>, <c>&lt;n</c>, else substring; a leading
/// <c>!</c> negates.
/// </summary>
public sealed class RsrFilter
{
    private readonly bool _negative;
    private readonly Regex? _regex;

    private RsrFilter(string rule, bool negative, Regex? regex)
    {
        Rule = rule;
        _negative = negative;
        _regex = regex;
    }

    /// <summary>The rule without its <c>!</c>, as RSRFilter.FilterRule returns it.</summary>
    public string Rule { get; }

    public static RsrFilter Parse(string text)
    {
        var negative = text.StartsWith('!');
        var rule = negative ? text[1..] : text;
        Regex? regex = null;
        if (rule.StartsWith('~'))
        {
            try
            {
                regex = new Regex(rule[1..], RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new FilterDefinitionException($"invalid regular expression in *rsr value <{text}>: {e.Message}", e);
            }
        }
        return new RsrFilter(rule, negative, regex);
    }

    public bool Pass(string value, DateTimeZone zone, Instant now)
    {
        var rule = Rule;
        if (rule.Length == 0)
        {
            return !_negative;
        }
        bool result;
        if (_regex is not null)
        {
            result = _regex.IsMatch(value);
        }
        else if (rule == "^$")
        {
            result = value.Length == 0;
        }
        else if (rule[0] == '^')
        {
            result = rule[^1] == '$' ? value.AsSpan().SequenceEqual(rule.AsSpan(1, rule.Length - 2)) : value.StartsWith(rule[1..], StringComparison.Ordinal);
        }
        else if (rule[^1] == '$')
        {
            result = value.EndsWith(rule[..^1], StringComparison.Ordinal);
        }
        else if (rule.Length > 2 && rule.StartsWith(">=", StringComparison.Ordinal))
        {
            return Compare(value, rule[2..], true, zone, now) is { } gte && gte != _negative;
        }
        else if (rule.Length > 2 && rule.StartsWith("<=", StringComparison.Ordinal))
        {
            return Compare(rule[2..], value, true, zone, now) is { } lte && lte != _negative;
        }
        else if (rule[0] == '>')
        {
            return Compare(value, rule[1..], false, zone, now) is { } gt && gt != _negative;
        }
        else if (rule[0] == '<')
        {
            return Compare(rule[1..], value, false, zone, now) is { } lt && lt != _negative;
        }
        else
        {
            result = value.Contains(rule, StringComparison.Ordinal);
        }
        return result != _negative;
    }

    // CGRateS logs an incomparable pair and fails the value; null stands for that failure.
    private static bool? Compare(string left, string right, bool orEqual, DateTimeZone zone, Instant now)
    {
        try
        {
            return GoComparison.GreaterThan(GoValues.StringToValue(left, zone, now), GoValues.StringToValue(right, zone, now), orEqual);
        }
        catch (FilterEvaluationException)
        {
            return null;
        }
    }
}
