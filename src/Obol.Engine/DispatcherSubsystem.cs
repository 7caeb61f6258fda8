using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Attributes;
using Obol.Config;
using Obol.Dispatchers;
using Obol.Events;
using Obol.Filters;
using Obol.Logging;
using Obol.Primitives;
using Obol.Profiles;

namespace Obol.Engine;

/// <summary>
/// DispatcherS in the engine: its profiles and hosts in the catalog (APIerSv1's methods for them are always there),
/// and, when <c>dispatchers.enabled</c>, the methods of the dispatched services answered by forwarding each request to
/// the hosts its profiles choose, as CGRateS registers its dispatcher wrappers in place of those services. A host at
/// <c>*internal</c> is this engine's own service.
/// </summary>
internal sealed class DispatcherSubsystem : IAsyncDisposable
{
    /// <summary>The services CGRateS's DispatcherS answers for (services/dispatchers.go) and the subsystem each is.</summary>
    private static readonly FrozenDictionary<string, string> s_subsystems = new Dictionary<string, string>
    {
        ["AttributeSv1"] = "*attributes",
        ["CacheSv1"] = "*caches",
        ["CDRsV1"] = "*cdrs",
        ["CDRsV2"] = "*cdrs",
        ["ChargerSv1"] = "*chargers",
        ["ConfigSv1"] = "*config",
        ["CoreSv1"] = "*core",
        ["EeSv1"] = "*ees",
        ["ErSv1"] = "*ers",
        ["GuardianSv1"] = "*guardians",
        ["IPsV1"] = "*ips",
        ["RALsV1"] = "*rals",
        ["ReplicatorSv1"] = "*replicator",
        ["ResourceSv1"] = "*resources",
        ["Responder"] = "*responder",
        ["RouteSv1"] = "*routes",
        ["SchedulerSv1"] = "*scheduler",
        ["ServiceManagerV1"] = "*servicemanager",
        ["SessionSv1"] = "*sessions",
        ["StatSv1"] = "*stats",
        ["ThresholdSv1"] = "*thresholds",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> s_liveKeys =
        new HashSet<string>(StringComparer.Ordinal) { "any_subsystem", "prevent_loops", "attributes_conns" };

    private readonly string _tenant;
    private readonly string _nodeId;
    private readonly AttributeService _attributes;
    private volatile DispatchersConfig _config;
    private volatile AttributeService? _authorization;
    private readonly DispatcherHostConnections _connections;
    private readonly SystemClock _clock = SystemClock.Instance;

    public DispatcherSubsystem(ProfileCatalog catalog, ObolConfig config, string tenant, AttributeService attributes, EngineLog log)
    {
        _config = config.Dispatchers;
        _tenant = tenant;
        _nodeId = config.General.NodeId;
        _attributes = attributes;
        _authorization = _config.AttributesConns.Count > 0 ? attributes : null;
        _connections = new DispatcherHostConnections(config.General);
        var options = new DispatcherOptions
        {
            Index = SubsystemOptions.Index(_config.Indexing),
            AnySubsystem = _config.AnySubsystem,
            PreventLoops = _config.PreventLoops,
            DefaultTenant = tenant,
        };
        Service = new DispatcherService(DispatcherTable.Empty(catalog.Filters, options), _clock, log.Warning);
        Profiles = catalog.AddDispatchers(Service, options.Index);
        Hosts = catalog.AddDispatcherHosts(Service);
    }

    public DispatcherService Service { get; }

    public ProfileKind<DispatcherProfileDefinition, DispatcherProfile> Profiles { get; }

    public ProfileKind<DispatcherHostDefinition, DispatcherHost> Hosts { get; }

    /// <summary>APIerSv1's dispatcher profile and host methods; DispatcherSv1 when DispatcherS runs.</summary>
    public void Register(JsonRpcDispatcher dispatcher, ProfileApi profiles)
    {
        profiles.Register(dispatcher, "DispatcherProfile", Profiles, d => d.Tenant, (d, t) => d with { Tenant = t },
            notFound: DispatchReply.ProfileNotFound);
        profiles.Register(dispatcher, "DispatcherHost", Hosts, d => d.Tenant, (d, t) => d with { Tenant = t },
            notFound: DispatchReply.HostNotFound);
        if (!_config.Enabled)
        {
            return;
        }
        dispatcher.AddPing("DispatcherSv1");
        dispatcher.Add<DispatchedArgs, List<DispatcherProfileDefinition>>("DispatcherSv1.GetProfilesForEvent", (args, _) =>
            ValueTask.FromResult(ProfilesForEvent(args)));
    }

    /// <summary>What a configuration change may alter while DispatcherS runs: how profiles of <c>*any</c> join, loop
    /// prevention and API-key authorization, for the next requests. Turning it on or off and its indexing need a restart.</summary>
    public void AddLive(LiveConfig live) => live.AddLive("dispatchers", s_liveKeys, c => c.Dispatchers, config =>
    {
        _config = config;
        _authorization = config.AttributesConns.Count > 0 ? _attributes : null;
        Service.Update(table => table.WithOptions(table.Options with { AnySubsystem = config.AnySubsystem, PreventLoops = config.PreventLoops }));
    });

    /// <summary>Puts DispatcherS in front of the dispatched services' methods; call once every service is registered.</summary>
    public int Intercept(JsonRpcDispatcher dispatcher) =>
        _config.Enabled ? dispatcher.Intercept(s_subsystems.Keys.ToFrozenSet(StringComparer.Ordinal), DispatchAsync) : 0;

    private RpcResult<List<DispatcherProfileDefinition>> ProfilesForEvent(DispatchedArgs args)
    {
        var opts = args.ApiOpts ?? [];
        if (!Dispatches(opts))
        {
            return new List<DispatcherProfileDefinition> { new() { Tenant = DispatcherHost.Internal, Id = DispatcherHost.Internal } };
        }
        var subsystem = opts.TryGetValue("*subsys", out var value) ? EventValues.AsString(value) : "";
        var request = Request(args, subsystem, opts.TryGetValue("*reqMethod", out var method) ? EventValues.AsString(method) : "");
        var matched = Service.ProfilesFor(request, out var error);
        return matched is null ? RpcResult.Fail<List<DispatcherProfileDefinition>>(error!) : matched.Select(p => p.Definition).ToList();
    }

    private async ValueTask<RpcResult<ReadOnlyMemory<byte>>?> DispatchAsync(InterceptedCall call, CancellationToken cancellationToken)
    {
        var args = Read(call.Argument);
        var opts = args.ApiOpts ?? [];
        if (!Dispatches(opts))
        {
            return null;
        }
        if (_authorization is not null && Authorize(call.Method, args, opts) is { } denied)
        {
            return RpcResult.Fail<ReadOnlyMemory<byte>>(denied);
        }
        var subsystem = s_subsystems[call.Method[..call.Method.LastIndexOf('.')]];
        var request = Request(args, subsystem, call.Method);
        ReadOnlyMemory<byte>? forwarded = null;
        var reply = await Service.DispatchAsync(request, async (host, ct) =>
        {
            if (host.IsInternal)
            {
                var local = await call.InvokeOriginalAsync(call.Argument, ct).ConfigureAwait(false);
                return local.Error is { } error ? DispatchReply.Fail(error) : DispatchReply.Ok(local.Value);
            }
            // dispatchers.go Dispatch: what it forwards carries where it came from, for another dispatcher's prevent_loops.
            forwarded ??= Forwarded(call.Argument);
            return await _connections.CallAsync(host, call.Method, forwarded.Value, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return reply.Error is { } failure ? RpcResult.Fail<ReadOnlyMemory<byte>>(failure) : RpcResult.Ok(reply.Result);
    }

    /// <summary>APIOpts <c>*dispatchers: false</c>, or a request another dispatcher forwarded under
    /// <c>prevent_loops</c>, is answered by this engine's own service.</summary>
    private bool Dispatches(Dictionary<string, object?> opts)
    {
        if (opts.TryGetValue("*dispatchers", out var flag) && EventValues.AsString(flag) is "false")
        {
            return false;
        }
        return !(_config.PreventLoops && opts.TryGetValue("*subsys", out var from) && EventValues.AsString(from) == "*dispatchers");
    }

    /// <summary>dispatchers.go authorize: the request's <c>*apiKey</c> through AttributeS in context <c>*auth</c>, whose
    /// <c>APIMethods</c> (<c>&amp;</c>-separated) must name the method.</summary>
    private string? Authorize(string method, DispatchedArgs args, Dictionary<string, object?> opts)
    {
        var apiKey = opts.TryGetValue("*apiKey", out var key) ? EventValues.AsString(key) : "";
        if (string.IsNullOrEmpty(apiKey))
        {
            return ErrorCodes.MandatoryIeMissingFields("ApiKey");
        }
        var authEvent = new CgrEvent
        {
            Tenant = string.IsNullOrEmpty(args.Tenant) ? _tenant : args.Tenant,
            Id = Guid.NewGuid().ToString("N")[..7],
            Time = args.Time,
            Event = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ApiKey"] = apiKey },
            ApiOpts = new Dictionary<string, object?>(StringComparer.Ordinal) { ["*subsys"] = "*dispatchers", [EventOptions.Context] = "*auth" },
        };
        var result = _authorization!.ProcessEvent(authEvent, _clock.GetCurrentInstant());
        if (result.Error is { } error)
        {
            return error == ErrorCodes.NotFound ? "UNKNOWN_API_KEY" : error;
        }
        if (result.Event?.FieldAsString("APIMethods") is not { } methods)
        {
            return ErrorCodes.NotFound;
        }
        return methods != "*zero" && methods.Split('&').Contains(method, StringComparer.Ordinal) ? null : "UNAUTHORIZED_API";
    }

    private DispatchRequest Request(DispatchedArgs args, string subsystem, string method)
    {
        var opts = args.ApiOpts ?? [];
        var data = new FilterEvent(args.Event ?? [], opts,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["*subsys"] = subsystem, ["*reqMethod"] = method });
        return new DispatchRequest(string.IsNullOrEmpty(args.Tenant) ? _tenant : args.Tenant, subsystem, method, data)
        {
            EventTime = args.Time,
            ProfilesCount = opts.TryGetValue("*dispatchersProfilesCount", out var count) && int.TryParse(EventValues.AsString(count), out var n) ? n : null,
            RouteId = opts.TryGetValue("*routeID", out var route) ? EventValues.AsString(route) : null,
        };
    }

    /// <summary>The argument's tenant, event, time and options; an argument that is not an object has none.</summary>
    private static DispatchedArgs Read(ReadOnlyMemory<byte> argument)
    {
        try
        {
            var span = argument.Span.TrimStart(" \t\r\n"u8);
            return span.Length > 0 && span[0] == (byte)'{'
                ? JsonSerializer.Deserialize<DispatchedArgs>(argument.Span, Obol.GoJson.GoJsonOptions.Default) ?? new DispatchedArgs()
                : new DispatchedArgs();
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException)
        {
            // The service the request reaches answers the malformed argument with its own Go-worded error.
            return new DispatchedArgs();
        }
    }

    private ReadOnlyMemory<byte> Forwarded(ReadOnlyMemory<byte> argument)
    {
        try
        {
            if (JsonNode.Parse(argument.Span) is not JsonObject root)
            {
                return argument;
            }
            var key = root.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "APIOpts", StringComparison.OrdinalIgnoreCase)) ?? "APIOpts";
            if (root[key] is not JsonObject opts)
            {
                opts = [];
                root[key] = opts;
            }
            opts["*subsys"] = "*dispatchers";
            opts["*node_id"] = _nodeId;
            return JsonSerializer.SerializeToUtf8Bytes(root);
        }
        catch (JsonException)
        {
            return argument;
        }
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    /// <summary>The CGREvent part of any dispatched argument (its fields sit at the top, as Go embeds them).</summary>
    private sealed record DispatchedArgs : EmbeddedEvent;
}
