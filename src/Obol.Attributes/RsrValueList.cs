namespace Obol.Attributes;

/// <summary>
/// config.RSRParsers: the rules of one attribute value, split on a separator (<c>;</c> in profiles, <c>&amp;</c> in
/// inline attributes); a part between backticks is one constant even when it holds separators.
/// </summary>
internal sealed class RsrValueList
{
    public static readonly RsrValueList Empty = new([]);

    private readonly RsrValue[] _values;

    private RsrValueList(RsrValue[] values)
    {
        _values = values;
    }

    public int Count => _values.Length;

    public RsrValue this[int index] => _values[index];

    /// <summary>The rule texts, as CGRateS stores them (<c>[{"Rules":"..."}]</c>).</summary>
    public IReadOnlyList<string> Rules => [.. _values.Select(v => v.Rules)];

    /// <summary>config.NewRSRParsers; throws <see cref="FormatException"/> with the reason.</summary>
    public static RsrValueList Parse(string text, char separator)
    {
        if (text.Length == 0)
        {
            return Empty;
        }
        var parts = SplitRules(text, separator);
        var values = new RsrValue[parts.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                throw new FormatException($"emtpy RSRParser in rule: <{text}>");
            }
            values[i] = RsrValue.Parse(parts[i]);
        }
        return new RsrValueList(values);
    }

    /// <summary>RSRParsers.ParseDataProvider: the rules' texts concatenated.</summary>
    public string? Evaluate(in AttributeContext context, out string text)
    {
        if (_values.Length == 1)
        {
            return _values[0].Evaluate(context, out text);
        }
        text = "";
        foreach (var value in _values)
        {
            if (value.Evaluate(context, out var part) is { } error)
            {
                text = "";
                return error;
            }
            text += part;
        }
        return null;
    }

    /// <summary>RSRParsers.ParseValue(""), how <c>*constant</c> reads its rules.</summary>
    public string? EvaluateConstant(in AttributeContext context, out string text)
    {
        if (_values.Length == 1)
        {
            return _values[0].EvaluateConstant(context, out text);
        }
        text = "";
        foreach (var value in _values)
        {
            if (value.EvaluateConstant(context, out var part) is { } error)
            {
                text = "";
                return error;
            }
            text += part;
        }
        return null;
    }

    /// <summary>RSRParsers.GetIfaceFromValues: each rule's text read back as a typed value (utils.StringToInterface).</summary>
    public string? EvaluateEach(in AttributeContext context, out object[] values)
    {
        values = new object[_values.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i].Evaluate(context, out var text) is { } error)
            {
                return error;
            }
            values[i] = GoInterfaceValues.StringToInterface(text, context.Zone, context.Now);
        }
        return null;
    }

    public override string ToString() => string.Join(';', _values.Select(v => v.Rules));

    /// <summary>The splitting of config.NewRSRParsers. With backticks Go splits the rest on <c>;</c> whatever the
    /// separator was, and so do we.</summary>
    private static List<string> SplitRules(string rules, char separator)
    {
        var count = rules.Count(c => c == '`');
        if (count % 2 != 0)
        {
            throw new FormatException("Unclosed unspilit syntax");
        }
        if (count == 0)
        {
            return [.. rules.Split(separator)];
        }
        var split = new List<string>();
        for (var at = rules.IndexOf('`', StringComparison.Ordinal); at != -1; at = rules.IndexOf('`', StringComparison.Ordinal))
        {
            var prefix = rules[..at];
            var insidePrefix = !prefix.EndsWith(';');
            split.AddRange((insidePrefix ? prefix : prefix[..^1]).Split(';'));
            rules = rules[(at + 1)..];
            at = rules.IndexOf('`', StringComparison.Ordinal);
            if (insidePrefix)
            {
                split[^1] += rules[..at];
            }
            else
            {
                split.Add(rules[..at]);
            }
            rules = rules[(at + 1)..];
            count -= 2;
            if (rules.Length == 0)
            {
                continue;
            }
            if (rules[0] != ';')
            {
                var end = rules.IndexOf(';', StringComparison.Ordinal);
                if (end == -1)
                {
                    split[^1] += rules;
                    break;
                }
                split[^1] += rules[..end];
                at = end;
            }
            else
            {
                at = 0;
            }
            rules = rules[(at + 1)..];
            if (rules.Length == 0)
            {
                break;
            }
            if (count == 0)
            {
                split.AddRange(rules.Split(';'));
                break;
            }
        }
        return split;
    }
}
