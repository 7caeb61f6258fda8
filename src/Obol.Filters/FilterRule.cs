using System.Text.RegularExpressions;
using NodaTime;
using Obol.Primitives;

namespace Obol.Filters;

/// <summary>
/// One compiled rule (engine/filters.go FilterRule): an element, a type and values; the rule passes when any value
/// matches, and a <c>*not</c> type inverts the result — a missing field therefore fails <c>*string</c> and passes
/// <c>*notstring</c>. Everything that can be wrong with a rule is found by <see cref="Create"/>.
/// </summary>
public sealed class FilterRule
{
    private readonly RsrParser[] _values;
    private readonly Regex[] _regexes;
    private readonly RsrFilter[] _rsrFilters;
    private readonly string _rsrRules;

    private FilterRule(string type, FilterKind kind, bool negated, bool indexable, RsrParser element, IReadOnlyList<string> values,
        RsrParser[] parsers, Regex[] regexes, RsrFilter[] rsrFilters)
    {
        Type = type;
        Kind = kind;
        Negated = negated;
        Indexable = indexable;
        Element = element;
        Values = values;
        _values = parsers;
        _regexes = regexes;
        _rsrFilters = rsrFilters;
        _rsrRules = string.Concat(rsrFilters.Select(f => f.Rule));
    }

    public string Type { get; }

    public FilterKind Kind { get; }

    public bool Negated { get; }

    /// <summary>False for the <c>*ni</c> types, which CGRateS keeps out of the indexes.</summary>
    public bool Indexable { get; }

    public RsrParser Element { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>The values as RSR parsers (empty for *regex, *rsr, *exists, *empty).</summary>
    public IReadOnlyList<RsrParser> ValueParsers => _values;

    /// <summary>engine/filters.go NewFilterRule plus CheckFilter; throws <see cref="FilterDefinitionException"/>.</summary>
    public static FilterRule Create(string type, string element, IReadOnlyList<string> values)
    {
        if (FilterTypes.TryResolve(type, out var kind, out var negated, out var indexable) is { } problem)
        {
            throw new FilterDefinitionException(problem);
        }
        if (element.Length == 0 && kind != FilterKind.Http)
        {
            throw new FilterDefinitionException($"Element is mandatory for Type: {type}");
        }
        if (values.Count == 0 && FilterTypes.NeedsValues(kind))
        {
            throw new FilterDefinitionException($"Values is mandatory for Type: {type}");
        }
        if (kind is FilterKind.Empty or FilterKind.Exists && values.Any(v => v.Length != 0))
        {
            throw new FilterDefinitionException($"a {type} rule takes no values, got <{string.Join('|', values)}>");
        }
        var elementParser = Wrap(element, RsrParser.Parse);
        var parsers = Array.Empty<RsrParser>();
        var regexes = Array.Empty<Regex>();
        var rsrFilters = Array.Empty<RsrFilter>();
        switch (kind)
        {
            case FilterKind.Regex:
                regexes = [.. values.Select(v => Wrap(v, CompileRegex))];
                break;
            case FilterKind.Rsr:
                rsrFilters = [.. values.Select(RsrFilter.Parse)];
                break;
            case FilterKind.Empty or FilterKind.Exists or FilterKind.Http:
                break;
            default:
                parsers = [.. values.Select(v => Wrap(v, RsrParser.Parse))];
                break;
        }
        if (kind is FilterKind.Empty or FilterKind.Exists && !elementParser.IsDynamic)
        {
            throw new FilterDefinitionException($"the element of a {type} rule must be a ~path, got <{element}>");
        }
        if (!elementParser.IsDynamic && kind != FilterKind.Http && !parsers.Any(p => p.IsDynamic))
        {
            throw new FilterDefinitionException($"the element of a {type} rule must be a ~path (or one of its values), got <{element}>");
        }
        if (kind == FilterKind.ApiBan && values[0] is not ("*all" or "*single"))
        {
            throw new FilterDefinitionException($"invalid value for apiban filter: <{values[0]}>");
        }
        if (kind == FilterKind.SentryPeer && values[0] is not ("*number" or "*ip"))
        {
            throw new FilterDefinitionException($"invalid value for sentrypeer filter: <{values[0]}>");
        }
        return new FilterRule(type, kind, negated, indexable, elementParser, [.. values], parsers, regexes, rsrFilters);
    }

    private static T Wrap<T>(string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FilterDefinitionException)
        {
            throw;
        }
        catch (ArgumentException e)
        {
            throw new FilterDefinitionException($"invalid rule value <{text}>: {e.Message}", e);
        }
    }

    private static Regex CompileRegex(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    /// <summary>FilterRule.Pass; throws <see cref="FilterEvaluationException"/> where CGRateS returns an error.</summary>
    public bool Pass(in EvaluationContext context)
    {
        var result = Kind switch
        {
            FilterKind.String or FilterKind.Contains or FilterKind.Prefix or FilterKind.Suffix => PassText(context),
            FilterKind.Empty => PassEmpty(context),
            FilterKind.Exists => Element.TryEvaluateRaw(context, out _),
            FilterKind.Timings => PassTimings(context),
            FilterKind.Destinations => PassDestinations(context),
            FilterKind.Rsr => PassRsr(context),
            FilterKind.GreaterThan or FilterKind.GreaterOrEqual or FilterKind.LessThan or FilterKind.LessOrEqual => PassCompare(context),
            FilterKind.Equal => PassEqual(context),
            FilterKind.IpNet => PassIpNet(context),
            FilterKind.ActivationInterval => PassActivationInterval(context),
            FilterKind.Regex => PassRegex(context),
            _ => throw new FilterEvaluationException($"{ErrorCodes.NotImplemented}: {Type} needs network access, which Obol does not provide"),
        };
        return result != Negated;
    }

    private bool PassText(in EvaluationContext context)
    {
        if (!Element.TryEvaluate(context, out var field))
        {
            return false;
        }
        foreach (var parser in _values)
        {
            if (!parser.TryEvaluate(context, out var value))
            {
                continue;
            }
            var match = Kind switch
            {
                FilterKind.String => string.Equals(field, value, StringComparison.Ordinal),
                FilterKind.Prefix => field.StartsWith(value, StringComparison.Ordinal),
                FilterKind.Suffix => field.EndsWith(value, StringComparison.Ordinal),
                _ => field.Contains(value, StringComparison.Ordinal),
            };
            if (match)
            {
                return true;
            }
        }
        return false;
    }

    private bool PassEmpty(in EvaluationContext context)
    {
        if (!Element.TryEvaluateRaw(context, out var value))
        {
            return true;
        }
        return value switch
        {
            null => true,
            string s => s.Length == 0,
            System.Collections.ICollection c => c.Count == 0,
            _ => false,
        };
    }

    private bool PassTimings(in EvaluationContext context)
    {
        if (!Element.TryEvaluate(context, out var text))
        {
            return false;
        }
        var zone = context.Environment.Zone;
        if (!GoTime.TryParse(text, zone, context.Now, out var time))
        {
            throw new FilterEvaluationException($"Unsupported time format: <{text}>");
        }
        var timings = context.Environment.Timings
            ?? throw new FilterEvaluationException($"{ErrorCodes.NotImplemented}: no timing source for {Type}");
        foreach (var parser in _values)
        {
            if (!parser.TryEvaluate(context, out var timingId))
            {
                throw new FilterEvaluationException(ErrorCodes.NotFound);
            }
            if (timings.FindTiming(timingId) is { } timing && timing.IsActiveAt(time.ToInstant(), time.Zone))
            {
                return true;
            }
        }
        return false;
    }

    private bool PassDestinations(in EvaluationContext context)
    {
        if (!Element.TryEvaluate(context, out var number))
        {
            return false;
        }
        var destinations = context.Environment.Destinations
            ?? throw new FilterEvaluationException($"{ErrorCodes.NotImplemented}: no destination source for {Type}");
        foreach (var parser in _values)
        {
            if (!parser.TryEvaluate(context, out var destinationId) || destinations.FindPrefixes(destinationId) is not { } prefixes)
            {
                continue;
            }
            foreach (var prefix in prefixes)
            {
                if (number.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private bool PassRsr(in EvaluationContext context)
    {
        if (!Element.TryEvaluate(context, out var field))
        {
            // CGRateS quirk kept: a missing field passes only when the concatenated rules read "^$".
            return _rsrRules == "^$";
        }
        if (_rsrFilters.Length == 0)
        {
            return true;
        }
        foreach (var filter in _rsrFilters)
        {
            if (filter.Pass(field, context.Environment.Zone, context.Now))
            {
                return true;
            }
        }
        return false;
    }

    private bool PassCompare(in EvaluationContext context)
    {
        if (!Element.TryEvaluate(context, out var text))
        {
            return false;
        }
        var zone = context.Environment.Zone;
        var field = GoValues.StringToValue(text, zone, context.Now);
        // utils.GreaterThan answers "field >= value" for *gte and *lt, "field > value" for *gt and *lte.
        var orEqual = Kind is FilterKind.GreaterOrEqual or FilterKind.LessThan;
        var greater = Kind is FilterKind.GreaterThan or FilterKind.GreaterOrEqual;
        foreach (var parser in _values)
        {
            if (!parser.TryEvaluate(context, out var value))
            {
                continue;
            }
            if (GoComparison.GreaterThan(field, GoValues.StringToValue(value, zone, context.Now), orEqual) == greater)
            {
                return true;
            }
        }
        return false;
    }

    private bool PassEqual(in EvaluationContext context)
    {
        if (!Element.TryEvaluate(context, out var text))
        {
            return false;
        }
        var zone = context.Environment.Zone;
        var field = GoValues.StringToValue(text, zone, context.Now);
        foreach (var parser in _values)
        {
            if (parser.TryEvaluate(context, out var value) && GoComparison.EqualTo(field, GoValues.StringToValue(value, zone, context.Now)))
            {
                return true;
            }
        }
        return false;
    }

    private bool PassIpNet(in EvaluationContext context)
    {
        if (!Element.TryEvaluate(context, out var text) || !IpNetworkMatch.TryParseAddress(text, out var address))
        {
            return false;
        }
        foreach (var parser in _values)
        {
            if (parser.TryEvaluate(context, out var cidr) && IpNetworkMatch.Contains(cidr, address))
            {
                return true;
            }
        }
        return false;
    }

    private bool PassActivationInterval(in EvaluationContext context)
    {
        if (!Element.TryEvaluate(context, out var text))
        {
            return false;
        }
        var at = ParseTime(text, context);
        if (_values.Length == 2)
        {
            var end = ValueTime(_values[1], context);
            if (_values[0].Rules.Length == 0)
            {
                return at < end;
            }
            return ValueTime(_values[0], context) < at && at < end;
        }
        return ValueTime(_values[0], context) < at;
    }

    private static Instant ValueTime(RsrParser parser, in EvaluationContext context)
    {
        if (!parser.TryEvaluate(context, out var text))
        {
            throw new FilterEvaluationException(ErrorCodes.NotFound);
        }
        return ParseTime(text, context);
    }

    private static Instant ParseTime(string text, in EvaluationContext context) =>
        GoTime.TryParse(text, context.Environment.Zone, context.Now, out var time)
            ? time.ToInstant()
            : throw new FilterEvaluationException($"Unsupported time format: <{text}>");

    private bool PassRegex(in EvaluationContext context)
    {
        if (!Element.TryEvaluate(context, out var text))
        {
            return false;
        }
        foreach (var regex in _regexes)
        {
            if (regex.IsMatch(text))
            {
                return true;
            }
        }
        return false;
    }

    public override string ToString() => $"{Type}:{Element}:{string.Join('|', Values)}";
}
