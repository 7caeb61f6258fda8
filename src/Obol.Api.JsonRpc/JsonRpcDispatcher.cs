using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using Obol.GoJson;

namespace Obol.Api.JsonRpc;

/// <summary>
/// The method registry behind every JSON-RPC listener (TCP, HTTP): <c>"Service.Method"</c> names, case-sensitive as in
/// Go's net/rpc, mapped to handlers. Registration may happen while serving (CGRateS starts and stops services at run
/// time): lookups read an immutable snapshot, registrations replace it.
/// </summary>
public sealed class JsonRpcDispatcher
{
    private readonly Lock _gate = new();
    private volatile Registry _registry = Registry.Create(new Dictionary<string, RpcMethod>(StringComparer.Ordinal));

    /// <param name="serializerOptions">Argument and result encoding; <see cref="GoJsonOptions.Default"/> when null.</param>
    /// <param name="log">Where handler failures (exceptions other than <see cref="RpcException"/>) are reported.</param>
    public JsonRpcDispatcher(JsonSerializerOptions? serializerOptions = null, Action<string>? log = null)
    {
        SerializerOptions = serializerOptions ?? GoJsonOptions.Default;
        SerializerOptions.MakeReadOnly(populateMissingResolver: true);
        Log = log;
    }

    public JsonSerializerOptions SerializerOptions { get; }

    internal Action<string>? Log { get; }

    /// <summary>Every registered <c>Service.Method</c>.</summary>
    public IReadOnlyCollection<string> Methods => _registry.Methods.Keys;

    /// <summary>
    /// Registers a typed handler. The argument is decoded from the first <c>params</c> element with
    /// <see cref="SerializerOptions"/> (member names case-insensitive, unknown members ignored, as Go's encoding/json);
    /// <c>[]</c> or <c>[null]</c> give a zero-valued argument, as Go's <c>reflect.New</c> does.
    /// </summary>
    public void Add<TArg, TResult>(string serviceMethod, Func<TArg, CancellationToken, ValueTask<RpcResult<TResult>>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new TypedRpcMethod<TArg, TResult>(serviceMethod, this, (_, argument, cancellationToken) => handler(argument, cancellationToken)));
    }

    /// <summary>
    /// Registers a typed handler that is told who called: the <see cref="IBiRpcPeer"/> when the request came over a
    /// BiRPC connection (so it can call that peer back, as SessionS calls the agent that owns a session), null over
    /// TCP, HTTP and WebSocket — Go's <c>ctx.Client</c>.
    /// </summary>
    public void Add<TArg, TResult>(string serviceMethod, Func<IBiRpcPeer?, TArg, CancellationToken, ValueTask<RpcResult<TResult>>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new TypedRpcMethod<TArg, TResult>(serviceMethod, this, handler));
    }

    /// <summary>Registers a handler that decodes its argument and encodes its result itself.</summary>
    public void AddRaw(string serviceMethod, JsonRpcRawHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new RawRpcMethod(serviceMethod, this, handler));
    }

    /// <summary>
    /// Registers <c>&lt;service&gt;.Ping</c> answering <c>"Pong"</c>: CGRateS adds it to every service it registers
    /// (engine/libengine.go NewServiceWithName), with a CGREvent argument.
    /// </summary>
    public void AddPing(string service) =>
        Add<PingArgs, string>(service + ".Ping", static (_, _) => ValueTask.FromResult(RpcResult.Ok(PingArgs.Pong)));

    /// <summary>
    /// Go's struct embedding: a service whose type embeds another's answers the embedded one's methods under its own name
    /// too (CGRateS's APIerSv2 embeds APIerSv1, so <c>APIerSv2.SetBalance</c> is APIerSv1's). Every method of
    /// <paramref name="embedded"/> that <paramref name="embedding"/> does not define itself is added under
    /// <paramref name="embedding"/>, except those named in <paramref name="shadowed"/> (methods the embedding type
    /// defines with another shape, which it must not answer with the embedded one's); call once both are registered.
    /// Returns how many were added.
    /// </summary>
    public int AddEmbedded(string embedded, string embedding, params IReadOnlyCollection<string> shadowed)
    {
        lock (_gate)
        {
            var methods = new Dictionary<string, RpcMethod>(_registry.Methods, StringComparer.Ordinal);
            var added = 0;
            foreach (var (name, method) in _registry.Methods)
            {
                if (Registry.ServiceOf(name) == embedded && !shadowed.Contains(name[(embedded.Length + 1)..])
                    && methods.TryAdd(embedding + name[embedded.Length..], method))
                {
                    added++;
                }
            }
            _registry = Registry.Create(methods);
            return added;
        }
    }

    /// <summary>
    /// Puts <paramref name="interceptor"/> in front of every method of <paramref name="services"/> registered now: each
    /// call goes to it first, with the method it replaced. Returns how many methods it took.
    /// </summary>
    public int Intercept(IReadOnlySet<string> services, JsonRpcInterceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(interceptor);
        lock (_gate)
        {
            var methods = new Dictionary<string, RpcMethod>(_registry.Methods, StringComparer.Ordinal);
            var taken = 0;
            foreach (var (name, method) in _registry.Methods)
            {
                if (services.Contains(Registry.ServiceOf(name)) && method is not InterceptedRpcMethod)
                {
                    methods[name] = new InterceptedRpcMethod(method, this, interceptor);
                    taken++;
                }
            }
            _registry = Registry.Create(methods);
            return taken;
        }
    }

    /// <summary>Removes every method of a service (Go's UnregisterName); false when none was registered.</summary>
    public bool RemoveService(string service)
    {
        lock (_gate)
        {
            var methods = _registry.Methods.Where(m => Registry.ServiceOf(m.Key) != service).ToDictionary(StringComparer.Ordinal);
            if (methods.Count == _registry.Methods.Count)
            {
                return false;
            }
            _registry = Registry.Create(methods);
            return true;
        }
    }

    /// <summary>
    /// Answers one complete request, as a listener would, and returns the reply bytes (ending in <c>\n</c>). Throws
    /// <see cref="JsonRpcProtocolException"/> where a listener would close the connection.
    /// </summary>
    public async ValueTask<byte[]> InvokeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        using var call = new JsonRpcCall(new ReadOnlySequence<byte>(request), connection: null);
        call.Prepare(this);
        if (call.Method is { } method)
        {
            await method.InvokeAsync(call, cancellationToken);
        }
        return call.Reply.WrittenSpan.ToArray();
    }

    /// <summary>Go's net/rpc lookup (server.go readRequestHeader): split at the last dot, service first, then method.</summary>
    internal RpcMethod? Resolve(ReadOnlySpan<char> serviceMethod, out string? error)
    {
        var registry = _registry;
        var dot = serviceMethod.LastIndexOf('.');
        if (dot < 0)
        {
            error = $"rpc: service/method request ill-formed: {serviceMethod}";
            return null;
        }
        if (!registry.ServiceLookup.Contains(serviceMethod[..dot]))
        {
            error = $"rpc: can't find service {serviceMethod}";
            return null;
        }
        if (!registry.MethodLookup.TryGetValue(serviceMethod, out var method))
        {
            error = $"rpc: can't find method {serviceMethod}";
            return null;
        }
        error = null;
        return method;
    }

    private void Add(RpcMethod method)
    {
        if (method.Name.LastIndexOf('.') is var dot && (dot <= 0 || dot == method.Name.Length - 1))
        {
            throw new ArgumentException($"\"{method.Name}\" is not of the form Service.Method", nameof(method));
        }
        lock (_gate)
        {
            if (_registry.Methods.ContainsKey(method.Name))
            {
                throw new InvalidOperationException($"JSON-RPC method {method.Name} is already registered");
            }
            var methods = new Dictionary<string, RpcMethod>(_registry.Methods, StringComparer.Ordinal) { [method.Name] = method };
            _registry = Registry.Create(methods);
        }
    }

    private sealed class Registry
    {
        private Registry(FrozenDictionary<string, RpcMethod> methods, FrozenSet<string> services)
        {
            Methods = methods;
            MethodLookup = methods.GetAlternateLookup<ReadOnlySpan<char>>();
            ServiceLookup = services.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public FrozenDictionary<string, RpcMethod> Methods { get; }

        public FrozenDictionary<string, RpcMethod>.AlternateLookup<ReadOnlySpan<char>> MethodLookup { get; }

        public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ServiceLookup { get; }

        public static Registry Create(Dictionary<string, RpcMethod> methods) => new(
            methods.ToFrozenDictionary(StringComparer.Ordinal),
            methods.Keys.Select(ServiceOf).ToFrozenSet(StringComparer.Ordinal));

        public static string ServiceOf(string serviceMethod) => serviceMethod[..serviceMethod.LastIndexOf('.')];
    }
}
