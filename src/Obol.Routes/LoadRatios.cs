using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Obol.Routes;

/// <summary>The <c>*load</c> SortingParameters, <c>routeID:ratio</c> (RouteProfile.compileCacheParameters).</summary>
internal static class LoadRatios
{
    public const string Default = "*default";

    public static bool TryParse(IReadOnlyList<string> parameters, [NotNullWhen(true)] out IReadOnlyDictionary<string, int>? ratios,
        [NotNullWhen(false)] out string? error)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        ratios = null;
        foreach (var parameter in parameters)
        {
            var parts = parameter.Split(':');
            // CGRateS indexes splitted[1] unchecked: a parameter without a colon panics the engine there.
            if (parts.Length < 2)
            {
                error = $"invalid *load sorting parameter <{parameter}>: want routeID:ratio";
                return false;
            }
            if (!int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ratio))
            {
                error = $"strconv.Atoi: parsing \"{parts[1]}\": invalid syntax";
                return false;
            }
            map[parts[0]] = ratio;
        }
        ratios = map;
        error = null;
        return true;
    }

    /// <summary>The route's own ratio, else <c>*default</c>'s, else null (routes.default_ratio at sort time).</summary>
    public static int? For(IReadOnlyDictionary<string, int> ratios, string routeId) =>
        ratios.TryGetValue(routeId, out var own) ? own : ratios.TryGetValue(Default, out var fallback) ? fallback : null;
}
