namespace Obol.Routes;

/// <summary>ResourceS as RouteS reaches it (routes.resources_conns); asynchronous for the same reason as
/// <see cref="IRouteCostSource"/>.</summary>
public interface IRouteResourceSource
{
    /// <summary>ResourceSv1.GetResource followed by Resource.TotalUsage: the units in use. An unknown resource answers
    /// the error NOT_FOUND.</summary>
    ValueTask<ResourceUsageReply> GetTotalUsageAsync(string tenant, string resourceId, CancellationToken cancellationToken);
}

/// <summary>The units in use, or an error (then <see cref="TotalUsage"/> is 0).</summary>
public readonly record struct ResourceUsageReply(decimal TotalUsage, string? Error)
{
    public static ResourceUsageReply Of(decimal totalUsage) => new(totalUsage, null);

    public static ResourceUsageReply Failed(string error) => new(0, error);
}
