using System.Globalization;
using System.Xml;
using System.Xml.XPath;
using Obol.Filters;

namespace Obol.EventReaders;

/// <summary>
/// config.XMLProvider: one element an <c>xmlRootPath</c> selected. A path names the element from the document root
/// (<c>~*req.broadWorksCDR.cdrData.basicModule.userNumber</c>), the root path's part is dropped and the rest is read
/// below the element; <c>name[1]</c> is the second such child (0-based, as in CGRateS), <c>name[@attr='v']</c> the one
/// with that attribute. The value is the element's text.
/// </summary>
internal sealed class XmlRecord(XmlNode element, int rootDepth) : IRecord
{
    public bool TryGet(ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        if (path.Length <= rootDepth)
        {
            return false;
        }
        var steps = new string[path.Length - rootDepth];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = Step(path[rootDepth + i]);
        }
        XmlNode? found;
        try
        {
            found = element.SelectSingleNode(string.Join('/', steps));
        }
        catch (XPathException e)
        {
            throw new FilterEvaluationException($"XML path <{string.Join('.', path.ToArray())}>: {e.Message}");
        }
        if (found is null)
        {
            return false;
        }
        value = found.InnerText;
        return true;
    }

    /// <summary>XPath counts from 1, CGRateS's index from 0.</summary>
    private static string Step(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open < 0 || !segment.EndsWith(']') || segment[open + 1] == '@')
        {
            return segment;
        }
        var index = segment[(open + 1)..^1];
        return int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var zeroBased)
            ? $"{segment[..open]}[{zeroBased + 1}]"
            : segment;
    }

    /// <summary>Empty, as CGRateS's file readers leave it.</summary>
    public Dictionary<string, object?> Raw() => new(StringComparer.Ordinal);
}
