using System.Text.RegularExpressions;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Attributes;

/// <summary>
/// One config.RSRParser of an attribute value: a constant, or <c>~path</c> with <c>:s/regex/template/</c> rules,
/// then <c>{*converter&amp;...}</c>; or a rule holding a <c>&lt;...&gt;</c> part whose inner rules build the real rule
/// while the event is processed. Everything that can be checked is checked by <see cref="Parse"/>.
/// </summary>
internal sealed partial class RsrValue
{
    private readonly string _path;
    private readonly string[]? _segments;
    private readonly SearchReplace[] _replaces;
    private readonly ValueConverter[] _converters;
    private readonly RsrValueList? _dynamic;
    private readonly int _dynamicStart;
    private readonly int _dynamicEnd;

    private RsrValue(string rules, string path, string[]? segments, SearchReplace[] replaces, ValueConverter[] converters,
        RsrValueList? dynamic = null, int dynamicStart = 0, int dynamicEnd = 0)
    {
        Rules = rules;
        _path = path;
        _segments = segments;
        _replaces = replaces;
        _converters = converters;
        _dynamic = dynamic;
        _dynamicStart = dynamicStart;
        _dynamicEnd = dynamicEnd;
    }

    /// <summary>The rule text as written (RSRParser.Rules, what CGRateS stores and returns).</summary>
    public string Rules { get; }

    /// <summary>The split path of a <c>~path</c> rule without search-and-replace or converters, else null.</summary>
    public string[]? PlainPath => _replaces.Length == 0 && _converters.Length == 0 && _dynamic is null ? _segments : null;

    /// <summary>RSRParser.Compile; throws <see cref="FormatException"/> with the reason.</summary>
    public static RsrValue Parse(string rules)
    {
        if (rules.Length == 0)
        {
            throw new FormatException("emtpy RSRParser in rule: <>");
        }
        var dynamicStart = rules.IndexOf('<', StringComparison.Ordinal);
        if (dynamicStart >= 0 && rules.IndexOf('>', dynamicStart) is var dynamicEnd and >= 0)
        {
            var inner = RsrValueList.Parse(rules[(dynamicStart + 1)..dynamicEnd], ';');
            return new RsrValue(rules, "", null, [], [], inner, dynamicStart, dynamicEnd + 1);
        }
        var text = rules;
        var converters = Array.Empty<ValueConverter>();
        var convertersAt = text.IndexOf("{*", StringComparison.Ordinal);
        if (convertersAt >= 0)
        {
            if (!text.EndsWith('}'))
            {
                throw new FormatException($"invalid converter terminator in rule: <{rules}>");
            }
            var definitions = text[(convertersAt + 1)..^1].Split('&');
            converters = new ValueConverter[definitions.Length];
            for (var i = 0; i < definitions.Length; i++)
            {
                try
                {
                    converters[i] = ValueConverter.Parse(definitions[i]);
                }
                catch (FormatException e)
                {
                    throw new FormatException($"invalid converter value in string: <{definitions[i]}>, err: {e.Message}", e);
                }
            }
            text = text[..convertersAt];
        }
        if (!FieldPath.IsDynamic(text))
        {
            return new RsrValue(rules, text, null, [], converters);
        }
        var parts = SplitRules().Split(text);
        var segments = FieldPath.Split(parts[0].AsSpan(1))
            ?? throw new FormatException($"invalid path <{parts[0]}> in rule <{rules}>");
        var replaces = new SearchReplace[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            replaces[i - 1] = SearchReplace.Parse(parts[i]);
        }
        return new RsrValue(rules, parts[0], segments, replaces, converters);
    }

    /// <summary>RSRParser.ParseValue with an empty value, how <c>*constant</c> reads its rules: a <c>~path</c> rule
    /// gives the empty string (then its rules and converters), a constant itself.</summary>
    public string? EvaluateConstant(in AttributeContext context, out string text)
    {
        text = _segments is null ? _path : "";
        return Finish(context, ref text);
    }

    /// <summary>RSRParser.ParseDataProvider; a missing path is <c>NOT_FOUND</c>.</summary>
    public string? Evaluate(in AttributeContext context, out string text)
    {
        text = "";
        if (_dynamic is not null)
        {
            if (_dynamic.Evaluate(context, out var inner) is { } dynamicError)
            {
                return dynamicError;
            }
            RsrValue resolved;
            try
            {
                resolved = Parse(string.Concat(Rules.AsSpan(0, _dynamicStart), inner, Rules.AsSpan(_dynamicEnd)));
            }
            catch (FormatException e)
            {
                return e.Message;
            }
            return resolved.Evaluate(context, out text);
        }
        if (_segments is null)
        {
            text = _path;
        }
        else
        {
            if (!context.TryGetField(_segments, out var value, out var readError))
            {
                return readError ?? ErrorCodes.NotFound;
            }
            text = GoInterfaceValues.AsString(value);
        }
        return Finish(context, ref text);
    }

    private string? Finish(in AttributeContext context, ref string text)
    {
        foreach (var replace in _replaces)
        {
            text = replace.Process(text);
        }
        if (_converters.Length == 0)
        {
            return null;
        }
        object value = text;
        foreach (var converter in _converters)
        {
            if (converter.Convert(value, context.Now, out value) is { } error)
            {
                return error;
            }
        }
        text = GoInterfaceValues.AsString(value);
        return null;
    }

    public override string ToString() => Rules;

    // config/rsrparser.go spltRgxp and rulesRgxp.
    [GeneratedRegex(@":s\/")]
    private static partial Regex SplitRules();

    /// <summary>utils.ReSearchReplace: on a match the result is the expanded template alone; no match keeps the text.</summary>
    private sealed partial class SearchReplace(Regex search, string template)
    {
        public static SearchReplace Parse(string rule)
        {
            var match = RuleSyntax().Match(rule);
            if (!match.Success)
            {
                throw new FormatException($"not enough members in Search&Replace, ruleStr: <{rule}>");
            }
            try
            {
                return new SearchReplace(new Regex(match.Groups[1].Value, RegexOptions.CultureInvariant), match.Groups[2].Value);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"invalid Search&Replace subfield rule: <{match.Groups[1].Value}>", e);
            }
        }

        public string Process(string source)
        {
            var match = search.Match(source);
            return match.Success ? match.Result(template) : source;
        }

        [GeneratedRegex(@"(?:(.*[^\\])/(.*[^\\])*/){1,}")]
        private static partial Regex RuleSyntax();
    }
}
