using System.Text;

namespace Obol.Api.JsonRpc.Tests;

public sealed class JsonRpcInterceptionTests
{
    private readonly JsonRpcDispatcher _dispatcher = new();

    public JsonRpcInterceptionTests()
    {
        _dispatcher.Add<Dictionary<string, object?>, string>("Svc.Echo", (a, _) =>
            ValueTask.FromResult(a.ContainsKey("Fail") ? RpcResult.Fail<string>("BOOM") : RpcResult.Ok($"echo {a.Count}")));
        _dispatcher.Add<Dictionary<string, object?>, string>("Other.Echo", (_, _) => ValueTask.FromResult(RpcResult.Ok("other")));
    }

    [Fact]
    public async Task Intercept_NullAnswer_OriginalMethodAnswers()
    {
        var taken = _dispatcher.Intercept(new HashSet<string> { "Svc" }, (_, _) => ValueTask.FromResult<RpcResult<ReadOnlyMemory<byte>>?>(null));

        Assert.Equal(1, taken);
        Assert.Equal("""{"id":1,"result":"echo 1","error":null}""", await CallAsync("Svc.Echo", """{"A":1}"""));
    }

    [Fact]
    public async Task Intercept_OwnAnswer_ReplacesTheMethodsButNotOtherServices()
    {
        _dispatcher.Intercept(new HashSet<string> { "Svc" }, (call, _) =>
            ValueTask.FromResult<RpcResult<ReadOnlyMemory<byte>>?>(RpcResult.Ok<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes($"\"{call.Method} intercepted\""))));

        Assert.Equal("""{"id":1,"result":"Svc.Echo intercepted","error":null}""", await CallAsync("Svc.Echo", "{}"));
        Assert.Equal("""{"id":1,"result":"other","error":null}""", await CallAsync("Other.Echo", "{}"));
    }

    [Fact]
    public async Task InvokeOriginalAsync_OtherArgumentAndError_ResultJsonOrErrorText()
    {
        var seen = new List<string>();
        _dispatcher.Intercept(new HashSet<string> { "Svc" }, async (call, ct) =>
        {
            var two = await call.InvokeOriginalAsync("""{"A":1,"B":2}"""u8.ToArray(), ct);
            var failed = await call.InvokeOriginalAsync("""{"Fail":true}"""u8.ToArray(), ct);
            seen.Add(Encoding.UTF8.GetString(two.Value.Span));
            seen.Add(failed.Error!);
            return RpcResult.Fail<ReadOnlyMemory<byte>>("DONE");
        });

        var reply = await CallAsync("Svc.Echo", "{}");

        Assert.Equal(["\"echo 2\"", "BOOM"], seen);
        Assert.Equal("""{"id":1,"result":null,"error":"DONE"}""", reply);
    }

    private async Task<string> CallAsync(string method, string argument) =>
        Encoding.UTF8.GetString(await _dispatcher.InvokeAsync(Encoding.UTF8.GetBytes($$"""{"method":"{{method}}","params":[{{argument}}],"id":1}"""))).TrimEnd('\n');
}
