using NodaTime;
using Obol.Filters;

namespace Obol.CdrServer;

/// <summary>
/// One <c>cdrs.extra_fields</c> rule as a FreeSWITCH JSON CDR applies it (fscdr.go getExtraFields): only
/// <c>~*req.&lt;name&gt;</c> rules count, <c>name</c> being both what is looked up in the CDR and the extra field
/// filled; <c>:s/regex/template/</c> rules after it rewrite the value.
/// </summary>
public sealed class CdrExtraField
{
    private const string RequestPrefix = "~*req.";
    private readonly RsrParser _parser;

    private CdrExtraField(string name, RsrParser parser)
    {
        Name = name;
        _parser = parser;
    }

    /// <summary>The field looked up and filled, e.g. <c>sip_user_agent</c> for <c>~*req.sip_user_agent:s/(\w+).*/$1/</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The rules that apply: other than <c>~*req.</c> ones are skipped silently, as CGRateS does; rules Obol's RSR parser
    /// rejects (data converters, dynamic paths) are skipped and reported to <paramref name="warn"/>.
    /// </summary>
    public static IReadOnlyList<CdrExtraField> ParseAll(IEnumerable<string> rules, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        List<CdrExtraField> fields = [];
        foreach (var rule in rules.Where(r => r.StartsWith(RequestPrefix, StringComparison.Ordinal)))
        {
            try
            {
                var parser = RsrParser.Parse(rule);
                fields.Add(new CdrExtraField(string.Join('.', parser.Path[1..].ToArray()), parser));
            }
            catch (FilterDefinitionException e)
            {
                warn?.Invoke($"<CDRs> extra field <{rule}> ignored: {e.Message}");
            }
        }
        return fields;
    }

    /// <summary>RSRParser.ParseValue: <paramref name="value"/> through the search-and-replace rules.</summary>
    public string Apply(string value)
    {
        var context = new EvaluationContext(new Constant(value), "", Instant.MinValue, FilterEnvironment.Default);
        return _parser.TryEvaluate(context, out var text) ? text : value;
    }

    /// <summary>Answers every path with the one value, so the parser's rules run on it.</summary>
    private sealed class Constant(string value) : IDataProvider
    {
        public bool TryGetField(ReadOnlySpan<string> path, out object? found)
        {
            found = value;
            return true;
        }
    }
}
