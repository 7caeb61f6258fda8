using System.Text;
using System.Text.Json;
using NodaTime;
using Obol.Filters;

namespace Obol.Dispatchers.Tests;

/// <summary>A dispatcher over given profiles and hosts, and a recording stand-in for the hosts' connections.</summary>
internal sealed class DispatchFixture
{
    public const string Tenant = "cgrates.org";

    public DispatchFixture(IEnumerable<DispatcherProfileDefinition> profiles, IEnumerable<string> hostIds, DispatcherOptions? options = null)
    {
        var filters = new FilterService(new FilterTable([]));
        var table = DispatcherTable.Create(profiles.Select(DispatcherProfile.Compile),
            hostIds.Select(id => DispatcherHost.Compile(new DispatcherHostDefinition { Tenant = Tenant, Id = id, Address = "127.0.0.1:" + id })),
            filters, options);
        Service = new DispatcherService(table, new FixedClock(), Warnings.Add);
    }

    public DispatcherService Service { get; }

    public List<string> Calls { get; } = [];

    public List<string> Warnings { get; } = [];

    /// <summary>How each host answers; a host not named answers <c>"OK-&lt;id&gt;"</c>.</summary>
    public Dictionary<string, DispatchReply> Answers { get; } = [];

    public static DispatcherProfileDefinition Profile(string id, string strategy, params (string Id, decimal Weight)[] hosts) => new()
    {
        Tenant = Tenant,
        Id = id,
        Subsystems = ["*any"],
        Strategy = strategy,
        Hosts = [.. hosts.Select(h => new DispatcherHostProfileDefinition { Id = h.Id, Weight = h.Weight })],
    };

    public static DispatchRequest Request(Dictionary<string, object?>? fields = null, string subsystem = "*sessions", string? routeId = null) =>
        new(Tenant, subsystem, "SessionSv1.AuthorizeEvent", new FilterEvent(fields ?? new Dictionary<string, object?>(),
            vars: new Dictionary<string, object?> { ["*subsys"] = subsystem }))
        {
            RouteId = routeId,
        };

    public ValueTask<DispatchReply> DispatchAsync(DispatchRequest request) =>
        Service.DispatchAsync(request, (host, _) =>
        {
            lock (Calls)
            {
                Calls.Add(host.Id);
            }
            return ValueTask.FromResult(Answers.TryGetValue(host.Id, out var answer)
                ? answer
                : DispatchReply.Ok(Encoding.UTF8.GetBytes(JsonSerializer.Serialize("OK-" + host.Id))));
        }, CancellationToken.None);

    public static string Text(DispatchReply reply) => reply.Error ?? Encoding.UTF8.GetString(reply.Result.Span);
}

internal sealed class FixedClock : IClock
{
    public Instant GetCurrentInstant() => Instant.FromUtc(2026, 11, 27, 12, 0);
}
