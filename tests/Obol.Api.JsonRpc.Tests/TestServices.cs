using Obol.Primitives;

namespace Obol.Api.JsonRpc.Tests;

public sealed class EchoArgs
{
    public string? Tenant { get; init; }

    public int Count { get; init; }

    public Usage Usage { get; init; }

    public List<Item>? Items { get; init; }

    public Dictionary<string, int>? Weights { get; init; }
}

public sealed record Item(string Name, int Weight);

/// <summary>A dispatcher with CoreSv1 and a few handlers that show each kind of outcome.</summary>
internal static class TestServices
{
    public static JsonRpcDispatcher Create(List<string>? log = null)
    {
        var dispatcher = new JsonRpcDispatcher(log: log is null ? null : message => { lock (log) { log.Add(message); } });
        new CoreService("node-1", "Obol@test").Register(dispatcher);
        dispatcher.Add<EchoArgs, EchoArgs>("Test.Echo", static (args, _) => ValueTask.FromResult(RpcResult.Ok(args)));
        dispatcher.Add<string, string>("Test.EchoString", static (text, _) => ValueTask.FromResult(RpcResult.Ok(text)));
        dispatcher.Add<EchoArgs, string>("Test.NotFound", static (_, _) => ValueTask.FromResult<RpcResult<string>>(RpcResult.Fail(ErrorCodes.NotFound)));
        dispatcher.Add<EchoArgs, string>("Test.Missing", static (_, _) =>
            throw new RpcException(ErrorCodes.MandatoryIeMissingFields("Tenant", "Account")));
        dispatcher.Add<EchoArgs, string>("Test.Throw", static (_, _) => throw new InvalidOperationException("boom"));
        dispatcher.Add<EchoArgs, string>("Test.ThrowAsync", static async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("late boom");
        });
        dispatcher.AddRaw("Test.Raw", static (argument, _) =>
            ValueTask.FromResult(RpcResult.Ok<ReadOnlyMemory<byte>>(argument.ToArray())));
        return dispatcher;
    }
}
