using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.Primitives;
using Obol.Profiles;

namespace Obol.Api;

/// <summary>
/// APIerSv1.Get/Set/Remove&lt;Kind&gt; and Get&lt;Kind&gt;IDs (apier/v1/filters.go, attributes.go, stats.go ...):
/// the same four methods for every profile kind, over the <see cref="ProfileCatalog"/>.
/// </summary>
public sealed class ProfileApi(ProfileCatalog catalog, string defaultTenant)
{
    private const string Ok = "OK";

    public void RegisterFilters(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<TenantIdArgs, FilterDefinition>("APIerSv1.GetFilter", (a, _) => ValueTask.FromResult(Get(a, catalog.GetFilter)));
        dispatcher.Add<FilterDefinition, string>("APIerSv1.SetFilter", async (filter, ct) =>
            Result(await catalog.SetFilterAsync(filter with { Tenant = TenantOr(filter.Tenant) }, ct).ConfigureAwait(false)));
        dispatcher.Add<TenantIdArgs, string>("APIerSv1.RemoveFilter", async (a, ct) =>
        {
            var (tenant, id, error) = EventRequests.TenantId(a, defaultTenant);
            return Result(error ?? await catalog.RemoveFilterAsync(tenant, id, ct).ConfigureAwait(false));
        });
        dispatcher.Add<TenantArgs, List<string>>("APIerSv1.GetFilterIDs", (a, _) => ValueTask.FromResult(EventRequests.Page(catalog.FilterIds(TenantOr(a.Tenant)), a)));
    }

    /// <summary>
    /// Registers the four methods of one kind, e.g. <c>StatQueueProfile</c>. <paramref name="view"/> shapes what Get
    /// answers where APIerSv1 marshals the profile differently from how it is set; <paramref name="alsoSetAs"/> names
    /// another method taking the same definition (APIerSv2's); <paramref name="notFound"/> is what Get and Remove answer
    /// for an unknown ID (DispatcherS has its own).
    /// </summary>
    public void Register<TDefinition, TProfile>(JsonRpcDispatcher dispatcher, string name, ProfileKind<TDefinition, TProfile> kind,
        Func<TDefinition, string> tenantOf, Func<TDefinition, string, TDefinition> withTenant, Func<TDefinition, object>? view = null,
        string? alsoSetAs = null, string notFound = ErrorCodes.NotFound)
        where TDefinition : class
        where TProfile : class, IEventProfile
    {
        if (view is null)
        {
            dispatcher.Add<TenantIdArgs, TDefinition>($"APIerSv1.Get{name}", (a, _) => ValueTask.FromResult(Get(a, kind.Find, notFound)));
        }
        else
        {
            dispatcher.Add<TenantIdArgs, object>($"APIerSv1.Get{name}", (a, _) =>
                ValueTask.FromResult(Get(a, (tenant, id) => kind.Find(tenant, id) is { } found ? view(found) : null, notFound)));
        }
        foreach (var method in alsoSetAs is null ? [$"APIerSv1.Set{name}"] : new[] { $"APIerSv1.Set{name}", alsoSetAs })
        {
            dispatcher.Add<TDefinition, string>(method, async (definition, ct) =>
                Result(await catalog.SetAsync(kind, withTenant(definition, TenantOr(tenantOf(definition))), ct).ConfigureAwait(false)));
        }
        dispatcher.Add<TenantIdArgs, string>($"APIerSv1.Remove{name}", async (a, ct) =>
        {
            var (tenant, id, error) = EventRequests.TenantId(a, defaultTenant);
            error ??= await catalog.RemoveAsync(kind, tenant, id, ct).ConfigureAwait(false);
            return Result(error == ErrorCodes.NotFound ? notFound : error);
        });
        dispatcher.Add<TenantArgs, List<string>>($"APIerSv1.Get{name}IDs", (a, _) => ValueTask.FromResult(EventRequests.Page(kind.Ids(TenantOr(a.Tenant)), a)));
        if (name is "AttributeProfile" or "ThresholdProfile")
        {
            // Only these two kinds have a count in CGRateS (apier/v1/attributes.go, thresholds.go).
            dispatcher.Add<TenantArgs, int>($"APIerSv1.Get{name}Count", (a, _) => ValueTask.FromResult(kind.Ids(TenantOr(a.Tenant)).Count is > 0 and var count
                ? RpcResult.Ok(count) : RpcResult.Fail<int>(ErrorCodes.NotFound)));
        }
    }

    private RpcResult<T> Get<T>(TenantIdArgs args, Func<string, string, T?> find, string notFound = ErrorCodes.NotFound)
        where T : class
    {
        var (tenant, id, error) = EventRequests.TenantId(args, defaultTenant);
        if (error is not null)
        {
            return RpcResult.Fail<T>(error);
        }
        return find(tenant, id) is { } found ? found : RpcResult.Fail<T>(notFound);
    }

    private static RpcResult<string> Result(string? error) => error is null ? Ok : RpcResult.Fail<string>(error);

    private string TenantOr(string? tenant) => string.IsNullOrEmpty(tenant) ? defaultTenant : tenant;
}
