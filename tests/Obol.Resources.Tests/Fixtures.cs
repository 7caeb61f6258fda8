using System.Collections.Concurrent;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Resources.Tests;

/// <summary>The tutorial's ResGroup1 (Limit 7, UsageTTL -1, Stored, ThresholdIDs *none) over its filters.</summary>
internal static class Tutorial
{
    public static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 12, 0);

    private static readonly Lazy<TariffPlan> s_plan = new(() =>
    {
        var read = TariffPlanReader.ReadFolder(Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"),
            new TariffPlanReadOptions(DateTimeZone.Utc, Now));
        Assert.True(read.Succeeded, string.Join('\n', read.Errors));
        return read.Plan;
    });

    public static TariffPlan Plan => s_plan.Value;

    public static FilterService Filters() => new(FilterTable.FromTp(Plan.Filters, DateTimeZone.Utc, Now));

    public static IReadOnlyList<ResourceProfile> Profiles()
    {
        var (profiles, errors) = ResourceProfileDefinition.FromTp(Plan.Resources, DateTimeZone.Utc, Now);
        Assert.Empty(errors);
        return profiles;
    }

    public static async Task<ResourceService> ServiceAsync(MemoryStore? store = null, ResourceServiceOptions? options = null,
        params ResourceProfile[] extra)
    {
        var service = new ResourceService(Filters(), options, store);
        Assert.Null(await service.LoadProfilesAsync(Profiles().Concat(extra)));
        return service;
    }

    public static CgrEvent Event(string usageId, string account = "1001", decimal? units = null, string? ttl = null)
    {
        var ev = new CgrEvent
        {
            Tenant = "cgrates.org",
            Id = "ev-" + usageId,
            Time = Now,
            Event = { ["Account"] = account, ["Destination"] = "1002" },
            ApiOpts = { [ResourceOptions.UsageId] = usageId },
        };
        if (units is { } u)
        {
            ev.ApiOpts[ResourceOptions.Units] = u;
        }
        if (ttl is not null)
        {
            ev.ApiOpts[ResourceOptions.UsageTtl] = ttl;
        }
        return ev;
    }
}

/// <summary>An IResourceStore keeping the last JSON per resource and every call made.</summary>
internal sealed class MemoryStore : IResourceStore
{
    public ConcurrentDictionary<(string, string), string> Saved { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public ValueTask SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken)
    {
        Saved[(tenant, id)] = json;
        Calls.Enqueue($"save {tenant}:{id}");
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        Saved.TryRemove((tenant, id), out _);
        Calls.Enqueue($"remove {tenant}:{id}");
        return ValueTask.CompletedTask;
    }
}

/// <summary>ThresholdS answering a fixed error (or success) and keeping the events.</summary>
internal sealed class RecordingThresholds(string? answer = null) : IResourceThresholdSink
{
    public ConcurrentQueue<CgrEvent> Events { get; } = new();

    public ValueTask<string?> ProcessEventAsync(CgrEvent thresholdEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(thresholdEvent);
        return ValueTask.FromResult(answer);
    }
}
