using System.Text.RegularExpressions;

namespace Obol.Console;

/// <summary>
/// The local <c>parse Expression=… Value=…</c> command: applies an RSR expression to a value. Covers constants and
/// <c>~path:s/search/template/</c> rules (each rule expands its template over the first match, as
/// utils.ReSearchReplace does); converters (<c>{*…}</c>) are not applied.
/// </summary>
internal static class ParseCommand
{
    public static string Execute(GoStruct args)
    {
        var expression = (string)args.Values[0]!;
        var value = (string)args.Values[1]!;
        if (expression.Length == 0)
        {
            return "Empty expression error";
        }
        if (value.Length == 0)
        {
            return "Empty value error";
        }
        if (!expression.StartsWith('~'))
        {
            return expression;
        }
        var rules = expression.Split(":s/");
        var result = value;
        foreach (var rule in rules.Skip(1))
        {
            var parts = rule.TrimEnd('/').Split('/');
            if (parts.Length != 2)
            {
                return $"Invalid Search&Replace rule: <{rule}>";
            }
            try
            {
                var match = Regex.Match(result, parts[0], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                if (match.Success)
                {
                    result = match.Result(parts[1]);
                }
            }
            catch (ArgumentException ex)
            {
                return ex.Message;
            }
        }
        return result;
    }
}
