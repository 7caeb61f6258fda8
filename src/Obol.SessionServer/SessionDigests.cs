using Obol.Api;
using Obol.Events;
using Obol.Routes;

namespace Obol.SessionServer;

/// <summary>The one-line digests of the WithDigest replies (AttrSProcessEventReply.Digest, SortedRoutesList.Digest).</summary>
public static class SessionDigests
{
    /// <summary><c>Field:Value,…</c> of the altered <c>*req</c> fields, in AlteredFields order.</summary>
    public static string? Attributes(AttributeReply? reply)
    {
        if (reply is null)
        {
            return null;
        }
        return string.Join(',', reply.AlteredFields.Select(f => f.StartsWith("*req.", StringComparison.Ordinal) ? f[5..] : f)
            .Where(reply.Event.ContainsKey)
            .Select(f => $"{f}:{EventValues.AsString(reply.Event[f])}"));
    }

    /// <summary><c>route1[:params],route2</c> over every profile; with <paramref name="withProfile"/> each route ends in <c>@ProfileID</c>.</summary>
    public static string? Routes(IReadOnlyList<SortedRoutes>? routes, bool withProfile = false) =>
        routes is null ? null
            : string.Join(',', routes.SelectMany(p => p.RoutesWithParameters().Select(r => withProfile ? r + "@" + p.ProfileId : r)));
}
