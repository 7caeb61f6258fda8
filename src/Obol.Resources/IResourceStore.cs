namespace Obol.Resources;

/// <summary>
/// Where ResourceS keeps the resources of <c>Stored</c> profiles. <see cref="SaveAsync"/> is called after every change,
/// while the resource is still locked, so saves of one resource arrive in the order of its changes and the last save
/// is its current state; a save completes once the state is durable. The JSON is <see cref="Resource.ToJson"/>, what
/// <see cref="ResourceService.TryRestore"/> takes back at start-up.
/// </summary>
public interface IResourceStore
{
    ValueTask SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken);

    /// <summary>The resource started over (its profile changed Limit or UsageTTL) or is gone (its profile was removed).</summary>
    ValueTask RemoveAsync(string tenant, string id, CancellationToken cancellationToken);
}
