using Obol.Primitives;
using Obol.Profiles;
using Obol.Ips;
using Obol.Resources;
using Obol.Stats;
using Obol.Storage.Sqlite;
using Obol.Thresholds;

namespace Obol.Engine;

/// <summary>The event subsystems' profiles and state in the embedded store's document table.</summary>
internal sealed class StoredDocuments(SqliteDocumentStore documents) : IProfileDocumentStore, IStatQueueStore, IThresholdStore, IResourceStore, IIpAllocationStore
{
    public const string StatQueues = "stat_queues";
    public const string Thresholds = "thresholds";
    public const string Resources = "resources";

    public const string IpAllocations = "ip_allocations";

    public ValueTask<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string collection, CancellationToken cancellationToken) =>
        documents.ListAsync(collection, "", cancellationToken);

    public ValueTask<string?> GetAsync(string collection, string key, CancellationToken cancellationToken) =>
        documents.GetAsync(collection, key, cancellationToken);

    public ValueTask WriteAsync(IReadOnlyList<JournalWrite> writes, CancellationToken cancellationToken) =>
        documents.WriteAsync(writes, cancellationToken);

    ValueTask IStatQueueStore.SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken) =>
        documents.PutAsync(StatQueues, tenant + ":" + id, json, cancellationToken);

    async ValueTask IStatQueueStore.RemoveAsync(string tenant, string id, CancellationToken cancellationToken) =>
        await documents.DeleteAsync(StatQueues, tenant + ":" + id, cancellationToken).ConfigureAwait(false);

    ValueTask IThresholdStore.SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken) =>
        documents.PutAsync(Thresholds, tenant + ":" + id, json, cancellationToken);

    async ValueTask IThresholdStore.RemoveAsync(string tenant, string id, CancellationToken cancellationToken) =>
        await documents.DeleteAsync(Thresholds, tenant + ":" + id, cancellationToken).ConfigureAwait(false);

    ValueTask IResourceStore.SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken) =>
        documents.PutAsync(Resources, tenant + ":" + id, json, cancellationToken);

    async ValueTask IResourceStore.RemoveAsync(string tenant, string id, CancellationToken cancellationToken) =>
        await documents.DeleteAsync(Resources, tenant + ":" + id, cancellationToken).ConfigureAwait(false);

    ValueTask IIpAllocationStore.SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken) =>
        documents.PutAsync(IpAllocations, tenant + ":" + id, json, cancellationToken);

    async ValueTask IIpAllocationStore.RemoveAsync(string tenant, string id, CancellationToken cancellationToken) =>
        await documents.DeleteAsync(IpAllocations, tenant + ":" + id, cancellationToken).ConfigureAwait(false);
}
