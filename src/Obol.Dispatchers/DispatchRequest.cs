using NodaTime;
using Obol.Filters;

namespace Obol.Dispatchers;

/// <summary>
/// One request to dispatch: the API method, the subsystem it belongs to (<c>*sessions</c> for SessionSv1...), and what
/// the profiles' filters read: the event under <c>*req</c>, its APIOpts under <c>*opts</c>, and <c>*vars</c> with
/// <c>*subsys</c> and <c>*reqMethod</c>.
/// </summary>
public sealed record DispatchRequest(string Tenant, string Subsystem, string Method, IDataProvider Data)
{
    /// <summary>The event's time, against the profiles' activation intervals.</summary>
    public Instant? EventTime { get; init; }

    /// <summary>APIOpts <c>*dispatchersProfilesCount</c>: at most this many profiles are tried.</summary>
    public int? ProfilesCount { get; init; }

    /// <summary>APIOpts <c>*routeID</c>: requests of one route go to the host the first of them went to.</summary>
    public string? RouteId { get; init; }
}
