using System.Text.RegularExpressions;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Exporters;

/// <summary>
/// One config.RSRParser of a template value: a constant, or <c>~path</c> with <c>:s/regex/template/</c> rules; either
/// followed by <c>{*converter&amp;...}</c>. Parsed once when the exporter is built.
/// </summary>
internal sealed partial class ValueRule
{
    private readonly string _constant;
    private readonly string[]? _path;
    private readonly (Regex Search, string Template)[] _replaces;
    private readonly DataConverter[] _converters;

    private ValueRule(string constant, string[]? path, (Regex, string)[] replaces, DataConverter[] converters)
    {
        _constant = constant;
        _path = path;
        _replaces = replaces;
        _converters = converters;
    }

    /// <summary>RSRParsers: the rules of one value, split on <c>;</c> (general.rsr_separator); throws <see cref="FormatException"/>.</summary>
    public static ValueRule[] ParseList(string value, DateTimeZone localZone) =>
        value.Length == 0 ? [] : [.. value.Split(';').Select(rule => Parse(rule, localZone))];

    public static ValueRule Parse(string rule, DateTimeZone localZone)
    {
        var text = rule;
        var converters = Array.Empty<DataConverter>();
        var convertersAt = text.IndexOf("{*", StringComparison.Ordinal);
        if (convertersAt >= 0)
        {
            if (!text.EndsWith('}'))
            {
                throw new FormatException($"invalid converter terminator in rule: <{rule}>");
            }
            converters = [.. text[(convertersAt + 1)..^1].Split('&').Select(definition =>
            {
                try
                {
                    return DataConverter.Parse(definition, localZone);
                }
                catch (FormatException e)
                {
                    throw new FormatException($"invalid converter value in string: <{definition}>, err: {e.Message}", e);
                }
            })];
            text = text[..convertersAt];
        }
        if (text.Contains('<', StringComparison.Ordinal) && text.Contains('>', StringComparison.Ordinal))
        {
            throw new FormatException($"dynamic path templates are not supported: <{rule}>");
        }
        if (!FieldPath.IsDynamic(text))
        {
            return new ValueRule(text, null, [], converters);
        }
        var parts = text.Split(":s/");
        var path = FieldPath.Split(parts[0].AsSpan(1)) ?? throw new FormatException($"invalid path: <{parts[0]}>");
        var replaces = new (Regex, string)[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            var match = SearchReplaceSyntax().Match(parts[i]);
            if (!match.Success)
            {
                throw new FormatException($"not enough members in Search&Replace, rule: <{parts[i]}>");
            }
            try
            {
                replaces[i - 1] = (new Regex(match.Groups[1].Value, RegexOptions.CultureInvariant), match.Groups[2].Value);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"invalid Search&Replace subfield rule: <{match.Groups[1].Value}>", e);
            }
        }
        return new ValueRule("", path, replaces, converters);
    }

    /// <summary>RSRParser.ParseDataProvider: false with <c>NOT_FOUND</c> when the path is absent, or the converter's error.</summary>
    public bool TryEvaluate(IDataProvider data, Instant now, out string text, out string? error)
    {
        text = "";
        error = null;
        object? value = _constant;
        if (_path is not null)
        {
            if (!data.TryGetField(_path, out value))
            {
                error = ErrorCodes.NotFound;
                return false;
            }
            if (_replaces.Length > 0)
            {
                var s = EventValues.AsString(value);
                foreach (var (search, template) in _replaces)
                {
                    var match = search.Match(s);
                    s = match.Success ? match.Result(template) : s;
                }
                value = s;
            }
        }
        // Converters see the typed value (Go hands them its string form, which they parse back to the same thing).
        foreach (var converter in _converters)
        {
            if (!converter.TryConvert(value, now, out value, out error))
            {
                return false;
            }
        }
        text = EventValues.AsString(value);
        return true;
    }

    /// <summary>RSRParsers.ParseDataProvider: the rules' results joined; the first failure stops it.</summary>
    public static bool TryEvaluateList(ValueRule[] rules, IDataProvider data, Instant now, out string text, out string? error)
    {
        text = "";
        error = null;
        if (rules.Length == 1)
        {
            return rules[0].TryEvaluate(data, now, out text, out error);
        }
        var sb = new System.Text.StringBuilder();
        foreach (var rule in rules)
        {
            if (!rule.TryEvaluate(data, now, out var part, out error))
            {
                return false;
            }
            sb.Append(part);
        }
        text = sb.ToString();
        return true;
    }

    // config/rsrparser.go rulesRgxp: the template may not contain '/', the regex may.
    [GeneratedRegex(@"(?:(.*[^\\])/(.*[^\\])*/){1,}")]
    private static partial Regex SearchReplaceSyntax();
}
