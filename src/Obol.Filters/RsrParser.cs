using System.Text.RegularExpressions;

namespace Obol.Filters;

/// <summary>
/// config.RSRParser for filter elements and values: a constant, or <c>~path</c> followed by any number of
/// <c>:s/regex/template/</c> search-and-replace rules. Converters (<c>{*...}</c>) and dynamic paths (<c>&lt;...&gt;</c>)
/// are rejected when the filter is built, so no filter fails later because of them.
/// </summary>
public sealed partial class RsrParser
{
    private readonly string[]? _path;
    private readonly SearchReplace[] _rules;

    private RsrParser(string rules, string[]? path, SearchReplace[] rulesList)
    {
        Rules = rules;
        _path = path;
        _rules = rulesList;
    }

    public string Rules { get; }

    /// <summary>The split path for <c>~</c> rules, null for constants.</summary>
    public ReadOnlySpan<string> Path => _path;

    public bool IsDynamic => _path is not null;

    /// <summary>A plain <c>~path</c> with no search-and-replace, the only shape an index can answer.</summary>
    public bool IsPlainPath => _path is not null && _rules.Length == 0;

    public static RsrParser Parse(string rules)
    {
        if (rules.IndexOf('<', StringComparison.Ordinal) is var open and >= 0 && rules.IndexOf('>', open) > open)
        {
            throw new FilterDefinitionException($"dynamic path templates are not supported: <{rules}>");
        }
        if (!FieldPath.IsDynamic(rules))
        {
            return new RsrParser(rules, null, []);
        }
        if (rules.Contains("{*", StringComparison.Ordinal))
        {
            throw new FilterDefinitionException($"data converters are not supported in filter rules: <{rules}>");
        }
        var parts = rules.Split(":s/");
        var path = FieldPath.Split(parts[0].AsSpan(1))
            ?? throw new FilterDefinitionException($"invalid path: <{parts[0]}>");
        var replaces = new SearchReplace[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            replaces[i - 1] = SearchReplace.Parse(parts[i], rules);
        }
        return new RsrParser(rules, path, replaces);
    }

    /// <summary>config.RSRParser.ParseDataProvider: false when the path is not in the event.</summary>
    public bool TryEvaluate(in EvaluationContext context, out string text)
    {
        if (_path is null)
        {
            text = Rules;
            return true;
        }
        if (!context.TryGetField(_path, out var value))
        {
            text = "";
            return false;
        }
        text = GoValues.AsString(value);
        foreach (var rule in _rules)
        {
            text = rule.Process(text);
        }
        return true;
    }

    /// <summary>utils.DPDynamicInterface for *exists/*empty: the raw value, or a constant read as utils.StringToInterface.</summary>
    public bool TryEvaluateRaw(in EvaluationContext context, out object? value)
    {
        if (_path is null)
        {
            value = GoValues.StringToValue(Rules, context.Environment.Zone, context.Now);
            return true;
        }
        return context.TryGetField(_path, out value);
    }

    public override string ToString() => Rules;

    /// <summary>utils.ReSearchReplace: on a match the result is the expanded template alone; no match keeps the text.</summary>
    private sealed partial class SearchReplace(Regex search, string template)
    {
        public static SearchReplace Parse(string rule, string whole)
        {
            var match = RuleSyntax().Match(rule);
            if (!match.Success)
            {
                throw new FilterDefinitionException($"not enough members in Search&Replace, rule: <{rule}> in <{whole}>");
            }
            try
            {
                return new SearchReplace(new Regex(match.Groups[1].Value, RegexOptions.CultureInvariant), match.Groups[2].Value);
            }
            catch (ArgumentException e)
            {
                throw new FilterDefinitionException($"invalid Search&Replace subfield rule: <{match.Groups[1].Value}>: {e.Message}", e);
            }
        }

        public string Process(string source)
        {
            var match = search.Match(source);
            return match.Success ? match.Result(template) : source;
        }

        // config/rsrparser.go rulesRgxp: the template may not contain '/', the regex may.
        [GeneratedRegex(@"(?:(.*[^\\])/(.*[^\\])*/){1,}")]
        private static partial Regex RuleSyntax();
    }
}
